import type { RouteConfig } from '@hono/zod-openapi';
import { expect } from 'vitest';
import type { ApiClient, RouteInput, RouteOutput } from '../../lib/api/client';
import { errorOf } from './api-error';
import type { TestMember } from './organisation';
import type { VaultWorld } from './vault-fixtures';

// The shape of the vault route table (tests/integration/vault-routes.test.ts): one case per route,
// with what each kind of caller gets for it, and the small helpers the cases are written with.

/** What a refused call must answer. */
export interface Refusal {
  status: number;
  code: string;
  field?: string;
}

export type LooseInput = { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };

/** One route: a way to build a valid request and what each kind of caller gets for it. */
export interface RouteCase<R extends RouteConfig> {
  route: R;
  /** Who makes the successful call (the owner unless said). */
  actor?: (w: VaultWorld) => TestMember;
  /** A request that succeeds, on fresh fixtures wherever the call changes them. */
  valid(w: VaultWorld): Promise<RouteInput<R>>;
  /** What the caller notices when it succeeds. */
  succeeded(output: RouteOutput<R>, input: RouteInput<R>, w: VaultWorld): unknown;
  /** The outsider sending the same request: refused, or answered without anything of the vault. */
  outsider: Refusal | ((output: RouteOutput<R>, w: VaultWorld) => unknown);
  /** The request made invalid (its input, or a header), and the field the 400 names. */
  /** Absent only for a route that takes no input at all (GET /vaults: its master key hash is checked as such). */
  invalid?: { field: string; spoil?: (input: RouteInput<R>) => LooseInput };
  /** For a route that sends or answers bytes (attachment parts, downloads): how to call it instead of api.call. */
  send?: (api: ApiClient, input: RouteInput<R>) => Promise<RouteOutput<R>>;
  /** Batch only: a wrong master key hash is reported per sub-request, not for the batch. */
  wrongHash?: (output: RouteOutput<R>) => unknown;
}

export type Case = RouteCase<RouteConfig> & { name: string };
export const routeName = (route: RouteConfig) => `${route.method.toUpperCase()} ${route.path}`;
export const routeCase = <R extends RouteConfig>(c: RouteCase<R>): Case => ({ ...c, name: routeName(c.route) }) as unknown as Case;

export const notFound: Refusal = { status: 404, code: 'notFound' };
export const BAD_ID = 'no!';

/** Fails unless `promise` rejects with exactly this status and code (and field, when given). */
export async function expectRefusal(promise: Promise<unknown>, refusal: Refusal): Promise<void> {
  const error = await errorOf(promise);
  expect({ status: error.status, code: error.code, field: error.errors[0]?.field }).toEqual({ field: refusal.field ?? null, ...refusal });
}

export const withParam = <I extends { params?: object }>(input: I, changes: Record<string, unknown>): LooseInput => ({ ...input, params: { ...input.params, ...changes } });
export const withBody = <I extends { body?: unknown }>(input: I, changes: Record<string, unknown>): LooseInput => ({ ...input, body: { ...(input.body as object), ...changes } });
export const badId = { field: 'param.id', spoil: (input: { params?: object }) => withParam(input, { id: BAD_ID }) };
