import type { MiddlewareHandler } from 'hono';
import { completeAttachmentRoute, createAttachmentRoute, deleteAttachmentRoute, downloadAttachmentRoute, listAttachmentsRoute, putAttachmentPartRoute } from '../../lib/contract/attachments';
import { clientInfo } from '../http/client-info';
import type { ApiEnv } from '../http/env';
import { createOpenApiApp } from '../http/openapi-app';
import type { AttachmentsService } from './attachments.service';

/** Files on entries: list, upload in parts, download as a stream, remove. */
export function attachmentsRoutes(service: AttachmentsService, unlocked: MiddlewareHandler<ApiEnv>) {
  const middleware = { middleware: unlocked };
  const app = createOpenApiApp();
  app.openapi({ ...listAttachmentsRoute, ...middleware }, async (c) => {
    const { revision, include } = c.req.valid('query');
    return c.json({ attachments: await service.list(c.var.auth.userId, c.req.valid('param').id, revision, include === 'kept') }, 200);
  });
  app.openapi({ ...createAttachmentRoute, ...middleware }, async (c) => c.json(await service.create(c.var.auth.userId, c.req.valid('param').id, c.req.valid('json')), 201));
  app.openapi({ ...putAttachmentPartRoute, ...middleware }, async (c) => {
    const { id, attachmentId, part } = c.req.valid('param');
    // One part is under 1 MiB (the body limit holds it to that): read whole, cut, sealed, stored.
    await service.putPart(c.var.auth.userId, id, attachmentId, part, new Uint8Array(await c.req.arrayBuffer()));
    return c.body(null, 204);
  });
  app.openapi({ ...completeAttachmentRoute, ...middleware }, async (c) => {
    const { id, attachmentId } = c.req.valid('param');
    return c.json(await service.complete(c.var.auth.userId, id, attachmentId, clientInfo(c)), 200);
  });
  app.openapi({ ...downloadAttachmentRoute, ...middleware }, async (c) => {
    const { id, attachmentId } = c.req.valid('param');
    const { size, stream } = await service.download(c.var.auth.userId, id, attachmentId, clientInfo(c));
    const headers = { 'content-type': 'application/octet-stream', 'content-length': String(size), 'cache-control': 'no-store' };
    return c.body(stream, 200, headers) as Response;
  });
  app.openapi({ ...deleteAttachmentRoute, ...middleware }, async (c) => {
    const { id, attachmentId } = c.req.valid('param');
    await service.remove(c.var.auth.userId, id, attachmentId, clientInfo(c));
    return c.body(null, 204);
  });
  return app;
}
