import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../lib/api/client';
import { getAppSettingsRoute } from '../../lib/contract/app-settings';
import { listSessionsRoute, loginRoute, refreshRoute, revokeSessionRoute, type TokenPair } from '../../lib/contract/sessions';
import { setupRoute } from '../../lib/contract/setup';
import { masterKeyOptionsRoute, meRoute, userKeysRoute, userPublicKeyRoute } from '../../lib/contract/users';
import { deriveMasterKey } from '../../lib/crypto/kdf';
import { createOrganisationKey } from '../../lib/crypto/organisation';
import { issueCertificate } from '../../lib/crypto/certificates';
import { openUserKeys } from '../../lib/crypto/user-keys';
import { prepareOwnerSetup } from '../../lib/vault/owner-setup';
import { startServer, type RunningServer } from '../helpers/server-process';
import { ENGINES } from '../helpers/test-database';
import { errorOf } from '../helpers/api-error';
import { TEST_POLICY } from '../helpers/policy';

const LOGIN = 'owner@acme.test';
const LOGIN_PASSWORD = 'login password for the owner';
const MASTER_PASSWORD = 'Master Password 2026 for the vault';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


describe.each(ENGINES)('accounts and sessions on $engine', ({ engine, available }) => {
  let server: RunningServer;
  let setup: Awaited<ReturnType<typeof prepareOwnerSetup>>;
  const api = () => createApiClient({ baseUrl: server.url });
  const signedIn = (pair: TokenPair, extra: Partial<Parameters<typeof createApiClient>[0]> = {}) => createApiClient({ baseUrl: server.url, session: { accessToken: () => pair.accessToken }, ...extra });
  const login = (password = LOGIN_PASSWORD) => api().call(loginRoute, { body: { login: LOGIN, password } });

  beforeAll(async () => {
    if (!available) return;
    server = await startServer({ engine, env: { KEYHOLD_ACCESS_TTL_SECONDS: '2', KEYHOLD_REFRESH_GRACE_SECONDS: '1' } });
    setup = await prepareOwnerSetup({ policy: TEST_POLICY, setupToken: server.setupToken()!, organisationName: 'Acme', login: LOGIN, loginPassword: LOGIN_PASSWORD, masterPassword: MASTER_PASSWORD, iterations: 300_000 });
  });
  afterAll(() => server?.stop());

  describe.skipIf(!available)('setup', () => {
    it('the server printed a one-time setup token and reports itself not set up', async () => {
      expect(server.setupToken()).toMatch(/^khs_/);
      expect(server.output()).not.toMatch(/"msg":"[^"]*khs_/);
      expect((await api().call(getAppSettingsRoute)).initialized).toBe(false);
    });

    it('refuses a wrong setup token', async () => {
      expect(await errorOf(api().call(setupRoute, { body: { ...setup.request, setupToken: 'khs_wrong' } }))).toMatchObject({ status: 403, code: 'setupTokenInvalid' });
    });

    it('refuses a login password that breaks the policy', async () => {
      const body = { ...setup.request, owner: { ...setup.request.owner, loginPassword: 'short' } };
      expect(await errorOf(api().call(setupRoute, { body }))).toMatchObject({ status: 400, code: 'weakPassword', errors: [{ field: 'body.owner.loginPassword' }] });
    });

    it('refuses a certificate not signed by the organisation key it sends', async () => {
      const rogue = await createOrganisationKey(setup.request.organisation.id);
      const certificate = await issueCertificate(rogue.key.privateKey, setup.request.owner.certificate.body);
      const body = { ...setup.request, owner: { ...setup.request.owner, certificate } };
      expect(await errorOf(api().call(setupRoute, { body }))).toMatchObject({ status: 400, code: 'invalidKeys' });
    });

    it('creates the organisation and the owner, once', async () => {
      expect(await api().call(setupRoute, { body: setup.request })).toEqual({ organisationId: setup.request.organisation.id, userId: setup.request.owner.id });
      expect(await errorOf(api().call(setupRoute, { body: setup.request }))).toMatchObject({ status: 409, code: 'alreadySetUp' });
      expect((await api().call(getAppSettingsRoute)).initialized).toBe(true);
    });
  });

  describe.skipIf(!available)('unlock', () => {
    it('gives the owner their KDF record, and unknown logins a stable decoy', async () => {
      expect((await api().call(masterKeyOptionsRoute, { query: { login: LOGIN } })).kdf).toEqual(setup.request.owner.kdf);
      const decoy = await api().call(masterKeyOptionsRoute, { query: { login: 'nobody@acme.test' } });
      expect(decoy).toEqual(await api().call(masterKeyOptionsRoute, { query: { login: 'nobody@acme.test' } }));
      expect(decoy.kdf.salt).not.toBe((await api().call(masterKeyOptionsRoute, { query: { login: 'someone@acme.test' } })).kdf.salt);
    });

    it('signs in, shows the owner, and hands out the keys only for the right master key hash', async () => {
      const pair = await login();
      const me = await signedIn(pair).call(meRoute);
      expect(me).toMatchObject({ id: setup.request.owner.id, login: LOGIN, role: 'owner', organisationFingerprint: setup.organisationFingerprint });
      expect(await errorOf(signedIn(pair).call(userKeysRoute))).toMatchObject({ status: 403, code: 'masterKeyHashMismatch' });
      const wrong = await deriveMasterKey('not the master password', setup.request.owner.kdf);
      expect(await errorOf(signedIn(pair, { masterKeyHash: () => wrong.hash }).call(userKeysRoute))).toMatchObject({ code: 'masterKeyHashMismatch' });
      const master = await deriveMasterKey(MASTER_PASSWORD, (await api().call(masterKeyOptionsRoute, { query: { login: LOGIN } })).kdf);
      const keys = await signedIn(pair, { masterKeyHash: () => master.hash }).call(userKeysRoute);
      const opened = await openUserKeys(master.key, me.id, { encryption: keys.encryptionKey, signing: keys.signingKey });
      expect(opened.signing.privateKey.type).toBe('private');
      expect((await signedIn(pair).call(userPublicKeyRoute, { params: { id: me.id } })).certificate).toEqual(setup.request.owner.certificate);
    });

    it('refuses a wrong password without saying whether the login exists', async () => {
      const wrongPassword = await errorOf(login('wrong password!!'));
      const unknownLogin = await errorOf(api().call(loginRoute, { body: { login: 'nobody@acme.test', password: LOGIN_PASSWORD } }));
      expect([wrongPassword.code, unknownLogin.code]).toEqual(['invalidCredentials', 'invalidCredentials']);
      expect(wrongPassword.message).toBe(unknownLogin.message);
    });

    it('requires a bearer token', async () => {
      expect(await errorOf(api().call(meRoute))).toMatchObject({ status: 401, code: 'unauthenticated' });
      expect(await errorOf(signedIn({ accessToken: 'kha_forged', refreshToken: '', accessTokenExpiredAt: 0, refreshTokenExpiredAt: 0 }).call(meRoute))).toMatchObject({ code: 'unauthenticated' });
    });
  });

  describe.skipIf(!available)('tokens', () => {
    it('refresh rotates both tokens; the old access token stops working', async () => {
      const first = await login();
      const second = await api().call(refreshRoute, { body: { refreshToken: first.refreshToken } });
      expect(second.accessToken).not.toBe(first.accessToken);
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(await errorOf(signedIn(first).call(meRoute))).toMatchObject({ code: 'unauthenticated' });
      expect((await signedIn(second).call(meRoute)).login).toBe(LOGIN);
    });

    it('a just-spent refresh token gets the same new pair within the grace window', async () => {
      const first = await login();
      const [a, b] = await Promise.all([api().call(refreshRoute, { body: { refreshToken: first.refreshToken } }), api().call(refreshRoute, { body: { refreshToken: first.refreshToken } })]);
      expect(a).toEqual(b);
    });

    it('a spent refresh token used after the grace window revokes the whole session', async () => {
      const first = await login();
      const second = await api().call(refreshRoute, { body: { refreshToken: first.refreshToken } });
      await sleep(1200);
      expect(await errorOf(api().call(refreshRoute, { body: { refreshToken: first.refreshToken } }))).toMatchObject({ code: 'unauthenticated' });
      expect(await errorOf(signedIn(second).call(meRoute))).toMatchObject({ code: 'unauthenticated' });
      expect(await errorOf(api().call(refreshRoute, { body: { refreshToken: second.refreshToken } }))).toMatchObject({ code: 'unauthenticated' });
    });

    it('an older spent refresh token, used after its successors, also revokes the session', async () => {
      const first = await login();
      const second = await api().call(refreshRoute, { body: { refreshToken: first.refreshToken } });
      const third = await api().call(refreshRoute, { body: { refreshToken: second.refreshToken } });
      expect(await errorOf(api().call(refreshRoute, { body: { refreshToken: first.refreshToken } }))).toMatchObject({ code: 'unauthenticated' });
      expect(await errorOf(signedIn(third).call(meRoute))).toMatchObject({ code: 'unauthenticated' });
    });

    it('an expired access token is `accessTokenExpired`, and the client refreshes once and carries on', async () => {
      let pair = await login();
      await sleep(2100);
      expect(await errorOf(signedIn(pair).call(meRoute))).toMatchObject({ code: 'accessTokenExpired' });
      const session = {
        accessToken: () => pair.accessToken,
        refresh: async () => ((pair = await api().call(refreshRoute, { body: { refreshToken: pair.refreshToken } })), true),
      };
      expect((await createApiClient({ baseUrl: server.url, session }).call(meRoute)).login).toBe(LOGIN);
    });

    it('lists the user’s sessions and signs out with `current`', async () => {
      const pair = await login();
      const { sessions } = await signedIn(pair).call(listSessionsRoute);
      expect(sessions.filter((session) => session.current)).toHaveLength(1);
      await signedIn(pair).call(revokeSessionRoute, { params: { id: 'current' } });
      expect(await errorOf(signedIn(pair).call(meRoute))).toMatchObject({ code: 'unauthenticated' });
    });
  });

  describe.skipIf(!available)('progressive delays', () => {
    it('after five wrong passwords the account waits, even for the right one', async () => {
      for (let i = 0; i < 5; i++) expect((await errorOf(login(`wrong ${i} password`))).code).toBe('invalidCredentials');
      const blocked = await fetch(`${server.url}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: LOGIN, password: 'wrong 6 password' }) });
      expect(blocked.status).toBe(401);
      const limited = await errorOf(login());
      expect(limited).toMatchObject({ status: 429, code: 'rateLimited' });
    });
  });
});
