import { expect } from 'vitest';
import type { ApiClient } from '../../lib/api/client';
import { completeAttachmentRoute, createAttachmentRoute, deleteAttachmentRoute, downloadAttachmentRoute, listAttachmentsRoute, putAttachmentPartRoute, type Attachment } from '../../lib/contract/attachments';
import { partLength } from '../../lib/contract/attachment-parts';
import { encryptedBlobSize } from '../../lib/crypto/segmented';
import { sealAttachment } from '../../lib/vault/attachment';
import { openItem } from '../../lib/vault/item';
import { newId } from '../../lib/vault/owner-setup';
import { uploadPattern } from './attachment-files';
import { BAD_ID, notFound, routeCase, withBody, withParam } from './route-case';
import type { VaultWorld } from './vault-fixtures';

// The attachment routes of the vault route table (docs/sharing.md, "Attachments"): the owner's
// files on the shared vault's item. Every file here is 100 bytes, so its one part has one length.

const SIZE = 100;
const PART = partLength(encryptedBlobSize(SIZE), 0);
const entryOf = async (w: VaultWorld) => (await openItem(w.sharedItem, w.shared)).entry;
const newBody = async (w: VaultWorld) => (await sealAttachment(await entryOf(w), w.sharedItem.id, newId(), { name: 'file.bin', type: '', size: SIZE })).body;
/** A file of the owner's: uploaded and complete, or created only. */
const created = async (w: VaultWorld): Promise<Attachment> => w.owner.api.call(createAttachmentRoute, { params: { id: w.sharedItem.id }, body: await newBody(w) });
const uploaded = async (w: VaultWorld): Promise<Attachment> => uploadPattern(w.owner.api, await entryOf(w), w.sharedItem.id, SIZE);
const badAttachment = { field: 'param.attachmentId', spoil: (input: { params?: object }) => withParam(input, { attachmentId: BAD_ID }) };

export const attachmentCases = [
  routeCase({
    route: listAttachmentsRoute,
    valid: async (w) => ({ params: { id: w.sharedItem.id }, query: {} }),
    succeeded: ({ attachments }, input) => expect(attachments.every((attachment) => attachment.itemId === input.params!.id && attachment.complete)).toBe(true),
    outsider: notFound,
    invalid: { field: 'query.revision', spoil: (input) => ({ ...input, query: { revision: 0 } }) },
  }),
  routeCase({
    route: createAttachmentRoute,
    valid: async (w) => ({ params: { id: w.sharedItem.id }, body: await newBody(w) }),
    succeeded: (attachment, input, w) => expect(attachment).toMatchObject({ id: input.body!.id, itemId: w.sharedItem.id, complete: false, createdBy: w.owner.userId }),
    outsider: notFound,
    invalid: { field: 'body.encryptedSize', spoil: (input) => withBody(input, { encryptedSize: 70 }) },
  }),
  routeCase({
    route: putAttachmentPartRoute,
    valid: async (w) => {
      const attachment = await created(w);
      return { params: { id: attachment.itemId, attachmentId: attachment.id, part: 0 } };
    },
    send: (api: ApiClient, input) => api.upload(putAttachmentPartRoute, input, new Uint8Array(PART)),
    succeeded: (output) => expect(output).toBeUndefined(),
    outsider: notFound,
    invalid: { field: 'param.part', spoil: (input) => withParam(input, { part: -1 }) },
  }),
  routeCase({
    route: completeAttachmentRoute,
    valid: async (w) => {
      const attachment = await created(w);
      const params = { id: attachment.itemId, attachmentId: attachment.id };
      await w.owner.api.upload(putAttachmentPartRoute, { params: { ...params, part: 0 } }, new Uint8Array(PART));
      return { params };
    },
    succeeded: (attachment, input) => expect(attachment).toMatchObject({ id: input.params!.attachmentId, complete: true }),
    outsider: notFound,
    invalid: badAttachment,
  }),
  routeCase({
    route: downloadAttachmentRoute,
    valid: async (w) => {
      const attachment = await uploaded(w);
      return { params: { id: attachment.itemId, attachmentId: attachment.id } };
    },
    send: async (api: ApiClient, input) => {
      const response = await api.download(downloadAttachmentRoute, input);
      return (await response.arrayBuffer()).byteLength as never;
    },
    succeeded: (length) => expect(length).toBe(encryptedBlobSize(SIZE)),
    outsider: notFound,
    invalid: badAttachment,
  }),
  routeCase({
    route: deleteAttachmentRoute,
    valid: async (w) => {
      const attachment = await uploaded(w);
      return { params: { id: attachment.itemId, attachmentId: attachment.id } };
    },
    succeeded: (output) => expect(output).toBeUndefined(),
    outsider: notFound,
    invalid: badAttachment,
  }),
];
