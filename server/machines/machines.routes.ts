import { createAccessKeyRoute, createMachineRoute, listMachinesRoute, machineKeysRoute, machineSignInRoute, revokeAccessKeyRoute } from '../../lib/contract/machines';
import { authenticate } from '../auth/authenticate';
import { presentedMasterKeyHash } from '../auth/roles';
import { clientInfo } from '../http/client-info';
import { createOpenApiApp } from '../http/openapi-app';
import type { SessionsService } from '../sessions/sessions.service';
import type { MachinesService } from './machines.service';

/** Machine accounts and their access keys (administration), and a machine's sign-in. */
export function machinesRoutes(service: MachinesService, sessions: SessionsService) {
  const signedIn = { middleware: authenticate(sessions) };
  const app = createOpenApiApp();
  app.openapi(machineSignInRoute, async (c) => {
    const { accessKeyId, token } = c.req.valid('json');
    return c.json(await service.signIn(accessKeyId, token, clientInfo(c)), 201);
  });
  app.openapi({ ...createMachineRoute, ...signedIn }, async (c) => c.json(await service.create(c.var.auth.userId, presentedMasterKeyHash(c.req.valid('header')), c.req.valid('json'), clientInfo(c)), 201));
  app.openapi({ ...listMachinesRoute, ...signedIn }, async (c) => c.json({ machines: await service.list(c.var.auth.userId) }, 200));
  app.openapi({ ...machineKeysRoute, ...signedIn }, async (c) => c.json(await service.keys(c.var.auth.userId, presentedMasterKeyHash(c.req.valid('header')), c.req.valid('param').id), 200));
  app.openapi({ ...createAccessKeyRoute, ...signedIn }, async (c) =>
    c.json(await service.addAccessKey(c.var.auth.userId, presentedMasterKeyHash(c.req.valid('header')), c.req.valid('param').id, c.req.valid('json'), clientInfo(c)), 201),
  );
  app.openapi({ ...revokeAccessKeyRoute, ...signedIn }, async (c) => {
    const { id, keyId } = c.req.valid('param');
    await service.revokeAccessKey(c.var.auth.userId, id, keyId, clientInfo(c));
    return c.body(null, 204);
  });
  return app;
}
