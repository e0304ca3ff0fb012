import { normaliseServerUrl } from '../../lib/session/server-url';
import { openMachineSession } from '../../lib/vault/machine-session';
import { CliError, EXIT } from '../exit-codes';
import type { Identity } from './identity';

/**
 * The machine `accessKey` names, signed in to `KEYHOLD_SERVER`: the key's secret stays here, the
 * server sees its token only; the keys it opens are checked against the organisation key the
 * administrator sealed with them (lib/vault/machine-session.ts).
 */
export async function openMachineIdentity(accessKey: string, env: NodeJS.ProcessEnv): Promise<Identity> {
  const server = env.KEYHOLD_SERVER;
  if (!server) throw new CliError(EXIT.usage, 'KEYHOLD_ACCESS_KEY needs KEYHOLD_SERVER: the address of the Keyhold server.');
  const machine = await openMachineSession(normaliseServerUrl(server), accessKey.trim());
  return { userId: machine.userId, api: machine.api, keys: machine.keys, organisationId: machine.organisationId };
}
