import fc from 'fast-check';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../lib/contract/errors';
import { ROUTES } from '../../lib/contract/routes';
import { prepareOwnerSetup } from '../../lib/vault/owner-setup';
import { createApp } from '../../server/app';
import { createSealer } from '../../server/sealing/sealer';
import { settingsRepository } from '../../server/settings/settings.repository';
import { issueSetupToken } from '../../server/setup/setup-token';
import { openTestDatabase } from '../helpers/test-database';
import { TEST_POLICY } from '../helpers/policy';

// Malformed bodies, queries, path parameters and headers to every route of the contract: the answer
// is always a success or a 4xx whose code is in the one list — never a 500, never a bare body.

const KNOWN_CODES = new Set(Object.keys(ERROR_CODES));
// HTTP header values are bytes; a client cannot even send anything else.
const printable = (text: string) => text.replace(/[^\x20-\x7e]/g, '');
const weird = fc.oneof(fc.string(), fc.constantFrom('', ' ', '../..', '%00', '{id}', 'x'.repeat(300), '🔑', 'current', '-1', 'null'));
const jsonish = fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom('login', 'password', 'refreshToken', 'setupToken', 'owner', 'organisation'), fc.jsonValue()));

describe('fuzzing every route', () => {
  let app: ReturnType<typeof createApp>;
  let dispose: () => Promise<void>;
  let accessToken: string;
  let masterKeyHash: string;

  beforeAll(async () => {
    const opened = await openTestDatabase('sqlite');
    dispose = opened.dispose;
    const sealer = createSealer({ current: 'k1', keys: new Map([['k1', Buffer.alloc(32, 3)]]), source: 'test' });
    app = createApp({ database: opened.database, logger: pino({ level: 'silent' }), sealer });
    const token = await issueSetupToken(settingsRepository(opened.database.db));
    const { request } = await prepareOwnerSetup({ policy: TEST_POLICY, setupToken: token, organisationName: 'Acme', login: 'owner@acme.test', loginPassword: 'login password for the owner', masterPassword: 'Master Password 2026 x', iterations: 300_000 });
    masterKeyHash = request.owner.masterKeyHash;
    await app.request('/api/v1/app/setup', { method: 'POST', body: JSON.stringify(request), headers: { 'content-type': 'application/json' } });
    const login = await app.request('/api/v1/sessions', { method: 'POST', body: JSON.stringify({ login: 'owner@acme.test', password: 'login password for the owner' }), headers: { 'content-type': 'application/json' } });
    accessToken = ((await login.json()) as { accessToken: string }).accessToken;
  });
  afterAll(() => dispose?.());

  it.each(ROUTES.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const))('%s', async (_name, route) => {
    await fc.assert(
      fc.asyncProperty(
        weird,
        fc.dictionary(fc.string({ maxLength: 12 }), weird, { maxKeys: 3 }),
        fc.oneof(jsonish.map((value) => JSON.stringify(value)), fc.string(), fc.constant('{"login":')),
        fc.record({ auth: fc.constantFrom('valid', 'none', 'garbage'), language: weird, format: fc.constantFrom('base64', 'json', 'BASE64', ''), masterKeyHash: weird, contentType: fc.constantFrom('application/json', 'text/plain', '') }),
        async (param, query, body, headers) => {
          const path = route.path.replace(/\{\w+\}/g, encodeURIComponent(param));
          const search = new URLSearchParams(query).toString();
          const init: RequestInit = {
            method: route.method.toUpperCase(),
            headers: {
              ...(headers.contentType ? { 'content-type': headers.contentType } : {}),
              ...(headers.auth === 'valid' ? { authorization: `Bearer ${accessToken}` } : headers.auth === 'garbage' ? { authorization: `Bearer ${printable(param)}` } : {}),
              'accept-language': printable(headers.language),
              'x-response-format': headers.format,
              'passwork-masterkeyhash': printable(headers.masterKeyHash),
            },
            ...(route.method === 'get' ? {} : { body }),
          };
          const response = await app.request(`${path}${search ? `?${search}` : ''}`, init);
          expect(response.status, `${init.method} ${path}`).toBeLessThan(500);
          if (response.status < 400) return;
          const text = await response.text();
          const parsed = JSON.parse(text) as { errors?: { code: string }[]; format?: string; content?: string };
          const envelope = parsed.format === 'base64' ? (JSON.parse(Buffer.from(parsed.content!, 'base64').toString()) as typeof parsed) : parsed;
          expect(envelope.errors?.length).toBeGreaterThan(0);
          for (const error of envelope.errors!) expect(KNOWN_CODES.has(error.code), error.code).toBe(true);
        },
      ),
      { seed: 20261123, numRuns: 40 },
    );
  });

  const secured = ROUTES.filter((route) => 'security' in route && route.security);
  it.each(secured.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const))('%s refuses a request without a token', async (_name, route) => {
    // Path parameters well formed (principalType is an enum), so the body or query is what fails.
    const response = await app.request(route.path.replace('{principalType}', 'user').replace(/\{\w+\}/g, 'abcdefgh12'), { method: route.method.toUpperCase(), headers: { 'content-type': 'application/json' }, ...(route.method === 'get' ? {} : { body: '{}' }) });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe('unauthenticated');
  });

  const inputOf = (route: (typeof ROUTES)[number]) => (route as { request?: { body?: { content?: Record<string, unknown> }; query?: { safeParse(value: unknown): { success: boolean } } } }).request;
  // Routes whose every query parameter is optional (search, sync) rightly accept an empty query. An
  // attachment part's body is raw bytes, checked against the part's length once the upload is found
  // (tests/integration/attachments.test.ts): there is no JSON field to name.
  const jsonBody = (route: (typeof ROUTES)[number]) => Boolean(inputOf(route)?.body?.content?.['application/json']);
  const withInput = ROUTES.filter((route) => jsonBody(route) || Boolean(inputOf(route)?.query && !inputOf(route)!.query!.safeParse({}).success));
  it.each(withInput.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const))('%s answers an empty input with validationFailed and the field', async (_name, route) => {
    // Path parameters well formed (principalType is an enum), so the body or query is what fails.
    const response = await app.request(route.path.replace('{principalType}', 'user').replace(/\{\w+\}/g, 'abcdefgh12'), {
      method: route.method.toUpperCase(),
      // With the right master key hash: the vault data routes check it before the input.
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}`, 'passwork-masterkeyhash': masterKeyHash },
      ...(route.method === 'get' ? {} : { body: '{}' }),
    });
    expect(response.status).toBe(400);
    const [error] = ((await response.json()) as { errors: { code: string; field: string }[] }).errors;
    expect(error!.code).toBe('validationFailed');
    expect(error!.field).toMatch(/^(body|query)\./);
  });
});
