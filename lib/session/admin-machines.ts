import type { ApiClient } from '../api/client';
import { createAccessKeyRoute, createMachineRoute, listMachinesRoute, machineKeysRoute, revokeAccessKeyRoute, type AccessKeyView, type Machine } from '../contract/machines';
import type { AccessKeyCreated, MachineCreated, MachineRow } from '../messages/protocol';
import { prepareAccessKey, prepareMachine } from '../vault/machine-accounts';
import { administratorKeys, type AdminContext } from './admin-console';

// Machine accounts in the admin console (issue #12): the machine's keys and every access key are
// made here in the worker with the organisation key; the access key's text goes to the page once,
// to show and copy, and is never stored.

const keyRow = ({ id, name, createdAt, expiresAt, revokedAt, lastUsedAt }: AccessKeyView) => ({ id, name, createdAt, expiresAt, revokedAt, lastUsedAt });
const machineRow = (machine: Machine): MachineRow => ({ id: machine.id, name: machine.name, createdAt: machine.createdAt, accessKeys: machine.accessKeys.map(keyRow) });

/** Every machine account with its access keys. */
export async function listMachines(api: ApiClient): Promise<MachineRow[]> {
  return (await api.call(listMachinesRoute)).machines.map(machineRow);
}

/** A new machine account and its first access key, whose text is shown once. */
export async function createMachine(context: AdminContext, input: { name: string; accessKeyName: string; expiresAt: number | null }): Promise<MachineCreated> {
  const prepared = await prepareMachine(await administratorKeys(context), input);
  const machine = await context.api.call(createMachineRoute, { body: prepared.body });
  return { machine: machineRow(machine), accessKey: prepared.accessKeyText };
}

/** A further access key for a machine: its private keys opened from the administrators' copy (checked against its certificate) and sealed for the new key. */
export async function createAccessKey(context: AdminContext, machineId: string, input: { name: string; expiresAt: number | null }): Promise<AccessKeyCreated> {
  const served = await context.api.call(machineKeysRoute, { params: { id: machineId } });
  const prepared = await prepareAccessKey(await administratorKeys(context), machineId, served, input);
  const created = await context.api.call(createAccessKeyRoute, { params: { id: machineId }, body: prepared.body });
  return { machineId, key: keyRow(created), accessKey: prepared.text };
}

/** Revokes an access key (its sessions end). */
export async function revokeAccessKey(api: ApiClient, machineId: string, keyId: string): Promise<{ keyId: string }> {
  await api.call(revokeAccessKeyRoute, { params: { id: machineId, keyId } });
  return { keyId };
}
