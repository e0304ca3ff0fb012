import type { RouteConfig } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient, RouteInput } from '../../lib/api/client';
import { disableMfaRoute } from '../../lib/contract/mfa';
import { ROUTES } from '../../lib/contract/routes';
import { accessCases, groupCases } from '../helpers/access-route-cases';
import { folderCases } from '../helpers/folder-route-cases';
import { bulkItemCases, itemCases } from '../helpers/item-route-cases';
import { expectRefusal, routeName } from '../helpers/route-case';
import { syncAndBatchCases } from '../helpers/sync-batch-route-cases';
import { entryShareCases } from '../helpers/entry-share-route-cases';
import { shareLinkCases } from '../helpers/share-link-route-cases';
import { attachmentCases } from '../helpers/attachment-route-cases';
import { ENGINES } from '../helpers/test-database';
import { anonymousClient, createVaultWorld, wrongHashClient, type VaultWorld } from '../helpers/vault-fixtures';
import { vaultCases } from '../helpers/vault-route-cases';

// Issue #5 over HTTP on both engines: every vault, folder, item, sync and batch route through one
// table (success, no token, wrong master key hash, a member outside the vault, invalid input). The
// cases live in tests/helpers/*-route-cases.ts; the behaviour the table cannot show is in
// vault-behaviour.test.ts and vault-access-search.test.ts.

const ROUTE_CASES = [...vaultCases, ...accessCases, ...groupCases, ...folderCases, ...itemCases, ...syncAndBatchCases, ...entryShareCases, ...shareLinkCases, ...attachmentCases, ...bulkItemCases];

it('the table has one case for each vault, access, group, folder, item, sync, batch, entry-sharing, share-link and attachment route of the contract', () => {
  const routes = ROUTES.slice(ROUTES.indexOf(disableMfaRoute) + 1);
  expect(routes).toHaveLength(57);
  expect(ROUTE_CASES.map((c) => c.name)).toEqual(routes.map(routeName));
});

describe.each(ENGINES)('vault routes on $engine', ({ engine, available }) => {
  let w: VaultWorld;

  beforeAll(async () => {
    if (!available) return;
    w = await createVaultWorld(engine);
  }, 120_000);
  afterAll(() => w?.server.stop());

  describe.each(ROUTE_CASES)('$name', (c) => {
    const actor = () => (c.actor ?? ((world: VaultWorld) => world.owner))(w);
    /** The valid request succeeds for its actor (also after a refusal: the refused call changed nothing). */
    /** The case's request through `api`: api.call, or the case's own way for routes that send or answer bytes. */
    const send = (api: ApiClient, input: RouteInput<RouteConfig>) => (c.send ? c.send(api, input) : api.call(c.route, input));
    const succeeds = async (input: RouteInput<RouteConfig>) => c.succeeded(await send(actor().api, input), input, w);

    it.skipIf(!available)('succeeds', async () => {
      await succeeds(await c.valid(w));
    });

    it.skipIf(!available)('without a token: 401 unauthenticated', async () => {
      const input = await c.valid(w);
      await expectRefusal(send(anonymousClient(w.server, actor()), input), { status: 401, code: 'unauthenticated' });
      await succeeds(input);
    });

    it.skipIf(!available)('with another master key hash: 403 masterKeyHashMismatch', async () => {
      const input = await c.valid(w);
      const call = send(wrongHashClient(w.server, actor()), input);
      if (c.wrongHash) c.wrongHash(await call);
      else await expectRefusal(call, { status: 403, code: 'masterKeyHashMismatch' });
      await succeeds(input);
    });

    it.skipIf(!available)('for a member outside the vault: refused or nothing of it', async () => {
      const input = await c.valid(w);
      const call = send(w.outsider.api, input);
      if (typeof c.outsider === 'function') await c.outsider(await call, w);
      else await expectRefusal(call, c.outsider);
      await succeeds(input);
    });

    const invalid = c.invalid;
    if (invalid) {
      it.skipIf(!available)(`invalid input: 400 validationFailed naming ${invalid.field}`, async () => {
        const input = await c.valid(w);
        const spoilt = (invalid.spoil?.(input) ?? input) as RouteInput<RouteConfig>;
        await expectRefusal(send(actor().api, spoilt), { status: 400, code: 'validationFailed', field: invalid.field });
        await succeeds(input);
      });
    }
  });
});
