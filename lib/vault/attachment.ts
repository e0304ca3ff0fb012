import { z } from 'zod';
import type { Attachment, NewAttachment } from '../contract/attachments';
import type { RewrappedAttachment } from '../contract/items';
import { fromBase64Url, randomBytes, toBase64Url } from '../crypto/bytes';
import { attachmentKeyContext, attachmentMetadataContext } from '../crypto/contexts';
import { MalformedError } from '../crypto/errors';
import type { Bytes } from '../crypto/primitives';
import { encryptedBlobSize } from '../crypto/segmented';
import { decryptBytes, decryptString, encryptBytes, encryptString, type SymmetricKey } from '../crypto/symmetric';

// An attachment's parts under the entry key (docs/cryptography.md, "Attachments"): a fresh file
// key per file, and the file's name, media type and size, each bound to the item and attachment,
// so a server cannot give one file another's name or key.

/** What a person sees of a file: its name, media type and size in bytes. */
export interface AttachmentFile {
  name: string;
  type: string;
  size: number;
}

const fileSchema = z.object({ name: z.string().min(1).max(1000), type: z.string().max(255), size: z.number().int().min(0) });

/** A new attachment: its body for the create route and the file key to encrypt the blob with. */
export async function sealAttachment(entry: SymmetricKey, itemId: string, attachmentId: string, file: AttachmentFile): Promise<{ body: NewAttachment; fileKey: Bytes }> {
  const fileKey = randomBytes(32);
  const metadata = await encryptString(entry, attachmentMetadataContext(itemId, attachmentId), JSON.stringify(fileSchema.parse(file)));
  const wrappedKey = toBase64Url(await encryptBytes(entry, attachmentKeyContext(itemId, attachmentId), fileKey));
  return { body: { id: attachmentId, metadata, wrappedKey, encryptedSize: encryptedBlobSize(file.size) }, fileKey };
}

/** A served attachment's file and file key, once both verify under the entry key; throws AuthenticationError or MalformedError otherwise. */
export async function openAttachment(entry: SymmetricKey, attachment: Pick<Attachment, 'id' | 'itemId' | 'metadata' | 'wrappedKey' | 'encryptedSize'>): Promise<{ file: AttachmentFile; fileKey: Bytes }> {
  const parsed = fileSchema.safeParse(JSON.parse(await decryptString(entry, attachmentMetadataContext(attachment.itemId, attachment.id), attachment.metadata)));
  if (!parsed.success) throw new MalformedError('attachment metadata');
  // The size is under the entry key; the blob size the server reports must agree with it.
  if (encryptedBlobSize(parsed.data.size) !== attachment.encryptedSize) throw new MalformedError('attachment size');
  const fileKey = await decryptBytes(entry, attachmentKeyContext(attachment.itemId, attachment.id), fromBase64Url(attachment.wrappedKey));
  if (fileKey.length !== 32) throw new MalformedError('attachment key');
  return { file: parsed.data, fileKey };
}

/**
 * A served attachment's file key and metadata, verified under the entry key it is wrapped by now
 * and encrypted again under the entry's next key (a re-key after a vault key rotation), bound as
 * before; throws AuthenticationError or MalformedError when it does not verify.
 */
export async function rewrapAttachment(from: SymmetricKey, to: SymmetricKey, attachment: Pick<Attachment, 'id' | 'itemId' | 'metadata' | 'wrappedKey' | 'encryptedSize'>): Promise<RewrappedAttachment> {
  const { file, fileKey } = await openAttachment(from, attachment);
  const metadata = await encryptString(to, attachmentMetadataContext(attachment.itemId, attachment.id), JSON.stringify(file));
  const wrappedKey = toBase64Url(await encryptBytes(to, attachmentKeyContext(attachment.itemId, attachment.id), fileKey));
  return { id: attachment.id, metadata, wrappedKey };
}
