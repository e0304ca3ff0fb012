import type { RouteConfig } from '@hono/zod-openapi';
import type { z } from 'zod';
import { errorEnvelopeSchema, type ErrorEnvelope } from '../contract/errors';

// The one HTTP client of the contract, used by the extension's worker, the CLI and the tests. It
// treats the server as untrusted: every success body is parsed with the route's own schema, and an
// answer that does not match is an error, never data.

type JsonSchema<T> = T extends { content: { 'application/json': { schema: infer S extends z.ZodType } } } ? S : never;
type Part<R, K extends string> = R extends { request: Record<K, infer S extends z.ZodType> } ? z.input<S> : undefined;
type Body<R> = R extends { request: { body: infer B } } ? z.input<JsonSchema<B>> : undefined;
type Success<R extends RouteConfig> = 200 extends keyof R['responses'] ? R['responses'][200] : 201 extends keyof R['responses'] ? R['responses'][201] : undefined;

/** What a call of route `R` takes. */
export type RouteInput<R extends RouteConfig> = { params?: Part<R, 'params'>; query?: Part<R, 'query'>; body?: Body<R> };
/** What a call of route `R` returns: its success body, parsed (nothing for a 204 route). */
export type RouteOutput<R extends RouteConfig> = Success<R> extends undefined ? undefined : z.output<JsonSchema<Success<R>>>;

/** The server answered with the error envelope. `code` is the first error's code. */
export class ApiRequestError extends Error {
  readonly code: string;
  constructor(
    readonly status: number,
    readonly errors: ErrorEnvelope['errors'],
  ) {
    // The field, when there is one, helps whoever reads a log or a failed test; UIs show errors[0].message.
    super(errors[0] ? `${errors[0].message}${errors[0].field ? ` (${errors[0].field})` : ''}` : `HTTP ${status}`);
    this.name = 'ApiRequestError';
    this.code = errors[0]?.code ?? 'internal';
  }
}

/** The server answered something the contract does not allow (or nothing readable). */
export class InvalidResponseError extends Error {
  constructor(readonly status: number, detail: string) {
    super(`The server sent an unexpected answer (HTTP ${status}): ${detail}`);
    this.name = 'InvalidResponseError';
  }
}

/** How the client authenticates and describes itself. */
export interface ApiClientOptions {
  baseUrl: string;
  fetch?: typeof fetch;
  /** `Accept-Language`, for error messages in the user's language. */
  language?: string;
  /** `Passwork-BrowserMode: 1` from the extension, `0` elsewhere. */
  browserMode?: boolean;
  /** Ask for the base64 envelope (unwrapped here either way). */
  base64?: boolean;
  /** The current access token, and how to refresh it (resolves true when a new token is ready). */
  session?: { accessToken(): string | undefined; refresh?(): Promise<boolean> };
  /** `Passwork-MasterKeyHash` for routes that write encrypted data. */
  masterKeyHash?: () => string | undefined;
}

function decodeBase64Json(content: string): unknown {
  const bytes = Uint8Array.from(atob(content), (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

function buildUrl(baseUrl: string, route: RouteConfig, input: RouteInput<RouteConfig>): string {
  const params = (input.params ?? {}) as Record<string, string | number>;
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name] ?? '')));
  const url = new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  for (const [key, value] of Object.entries((input.query ?? {}) as Record<string, unknown>)) if (value !== undefined) url.searchParams.set(key, String(value));
  return url.toString();
}

function headersFor(options: ApiClientOptions, hasBody: boolean): Headers {
  const headers = new Headers({ accept: 'application/json' });
  if (hasBody) headers.set('content-type', 'application/json');
  if (options.language) headers.set('accept-language', options.language);
  headers.set('passwork-browsermode', options.browserMode ? '1' : '0');
  if (options.base64) headers.set('x-response-format', 'base64');
  const token = options.session?.accessToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  const masterKeyHash = options.masterKeyHash?.();
  if (masterKeyHash) headers.set('passwork-masterkeyhash', masterKeyHash);
  return headers;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new InvalidResponseError(response.status, 'not JSON');
  }
  const envelope = json as { format?: unknown; content?: unknown } | undefined;
  if (envelope?.format === 'base64' && typeof envelope.content === 'string') return decodeBase64Json(envelope.content);
  return json;
}

function successSchema(route: RouteConfig, status: number): z.ZodType | undefined {
  const response = route.responses[status] as { content?: { 'application/json'?: { schema?: z.ZodType } } } | undefined;
  return response?.content?.['application/json']?.schema;
}

/** A typed client of the contract's routes. */
export function createApiClient(options: ApiClientOptions) {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);

  function request<R extends RouteConfig>(route: R, input: RouteInput<R>, bytes?: Uint8Array<ArrayBuffer>): Promise<Response> {
    const init: RequestInit = { method: route.method.toUpperCase(), headers: headersFor(options, input.body !== undefined) };
    if (input.body !== undefined) init.body = JSON.stringify(input.body);
    if (bytes) {
      (init.headers as Headers).set('content-type', 'application/octet-stream');
      init.body = bytes;
    }
    return doFetch(buildUrl(options.baseUrl, route, input as RouteInput<RouteConfig>), init);
  }

  function refused(response: Response, body: unknown): never {
    const envelope = errorEnvelopeSchema.safeParse(body);
    if (!envelope.success) throw new InvalidResponseError(response.status, 'an error without the error envelope');
    throw new ApiRequestError(response.status, envelope.data.errors);
  }

  async function send<R extends RouteConfig>(route: R, input: RouteInput<R>, bytes?: Uint8Array<ArrayBuffer>): Promise<RouteOutput<R>> {
    const response = await request(route, input, bytes);
    const body = await readBody(response);
    if (!response.ok) refused(response, body);
    if (response.status === 204 && route.responses[204]) return undefined as RouteOutput<R>;
    const schema = successSchema(route, response.status);
    if (!schema) throw new InvalidResponseError(response.status, 'a status this route does not define');
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new InvalidResponseError(response.status, parsed.error.issues[0]?.message ?? 'does not match the contract');
    return parsed.data as RouteOutput<R>;
  }

  /** A successful answer to `route` with its body unread (a file to stream), or the error it was. */
  async function open<R extends RouteConfig>(route: R, input: RouteInput<R>): Promise<Response> {
    const response = await request(route, input);
    if (!response.ok) refused(response, await readBody(response));
    return response;
  }

  /** Runs `attempt`; on `accessTokenExpired` refreshes the session once and runs it again. */
  async function refreshing<T>(attempt: () => Promise<T>): Promise<T> {
    try {
      return await attempt();
    } catch (error) {
      const expired = error instanceof ApiRequestError && error.code === 'accessTokenExpired';
      if (!expired || !options.session?.refresh || !(await options.session.refresh())) throw error;
      return attempt();
    }
  }

  return {
    /** The server this client calls. */
    baseUrl: options.baseUrl,
    /** Calls `route`; on `accessTokenExpired` refreshes the session once and retries. */
    call<R extends RouteConfig>(route: R, input: RouteInput<R> = {} as RouteInput<R>): Promise<RouteOutput<R>> {
      return refreshing(() => send(route, input));
    },
    /** Sends `bytes` as the raw body of `route` (one part of an upload); answers and errors as `call`. */
    upload<R extends RouteConfig>(route: R, input: RouteInput<R>, bytes: Uint8Array<ArrayBuffer>): Promise<RouteOutput<R>> {
      return refreshing(() => send(route, input, bytes));
    },
    /** Opens a download (a route answering a file, not JSON): the response, its body for the caller to stream. Errors as `call`. */
    download<R extends RouteConfig>(route: R, input: RouteInput<R> = {} as RouteInput<R>): Promise<Response> {
      return refreshing(() => open(route, input));
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
