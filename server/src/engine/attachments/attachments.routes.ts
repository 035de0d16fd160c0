/** Upload an attachment; download one through a case the user may see. Always as a download, never inline. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { safeLine } from '../../../../common/schemas/primitives.js';
import { assignments } from '../../db/schema/index.js';
import { notFound, validationError } from '../../platform/errors.js';
import { requireActor, typed } from '../../platform/http.js';
import { getCaseDetail } from '../cases/case-detail.js';
import { cleanFileName, MAX_ATTACHMENT_BYTES, readAttachment, storeAttachment } from './attachments.service.js';

const Digest = z.string().regex(/^[0-9a-f]{64}$/, '附件摘要格式不正确');

const sendDownload = (reply: FastifyReply, name: string, size: number, stream: NodeJS.ReadableStream) =>
  reply
    .header('content-type', 'application/octet-stream')
    .header('content-length', size)
    .header('content-disposition', `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(cleanFileName(name))}`)
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(stream);

export const attachmentRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock, config } = app.ctx;
  const tags = ['附件'];

  api.post('/api/attachments', {
    config: { access: 'case.work' },
    schema: {
      tags,
      summary: '上传附件（multipart，字段 file）',
      response: { 200: z.object({ digest: z.string(), name: z.string(), size: z.number().int() }) },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      if (!request.isMultipart()) throw validationError('请以 multipart/form-data 上传文件');
      const file = await request.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } });
      if (!file) throw validationError('没有收到文件');
      const content = await file.toBuffer().catch(() => {
        throw validationError(`附件不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
      });
      return storeAttachment({ db, actor, dataDir: config.dataDir, fileName: file.filename, content });
    },
  });

  api.get('/api/cases/:id/attachments/:digest', {
    config: { access: 'case.work' },
    schema: {
      tags,
      summary: '下载事项中的附件',
      params: z.object({ id: z.string().uuid(), digest: Digest }),
      querystring: z.object({ name: safeLine().max(200).optional() }),
    },
    handler: async (request, reply) => {
      const actor = requireActor(request);
      // Visible case first (404 otherwise), then the file must belong to a reply this user may read.
      const detail = await getCaseDetail({ db, actor, caseId: request.params.id, now: clock() });
      // The case's own files (a 收文's scan and attachments) go to anyone who sees the case; a reply's
      // files only to those who see that reply (a unit does not see another unit's reply).
      const ownFiles = [detail.fields.scan, ...(Array.isArray(detail.fields.attachments) ? detail.fields.attachments : [])] as Array<{ digest?: string; name?: string } | undefined>;
      const listed =
        ownFiles.find((ref) => ref?.digest === request.params.digest) ??
        detail.assignments.flatMap((a) => a.replyAttachments).find((ref) => ref.digest === request.params.digest);
      if (!listed) {
        const [referenced] = await db
          .select({ id: assignments.id })
          .from(assignments)
          .where(and(eq(assignments.caseId, detail.id), sql`${assignments.replyAttachments} @> ${JSON.stringify([{ digest: request.params.digest }])}::jsonb`));
        if (!referenced || actor.scope === 'unit') throw notFound('附件');
      }
      const { row, stream } = await readAttachment({ db, dataDir: config.dataDir, digest: request.params.digest });
      return sendDownload(reply, listed?.name ?? request.query.name ?? 'attachment', row.size, stream);
    },
  });
};
