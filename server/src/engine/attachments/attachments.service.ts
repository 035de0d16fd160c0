/**
 * Attachments: stored once under the data directory by their SM3 digest (content-addressed),
 * with a size limit and a type allow-list, and only ever served as downloads.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { attachmentUploads, attachments } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { notFound, validationError } from '../../platform/errors.js';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** Office files people attach to replies: documents, spreadsheets, PDFs, scans, archives of them. */
const allowed: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.ppt': 'application/vnd.ms-powerpoint',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.wps': 'application/vnd.ms-works',
  '.ofd': 'application/ofd',
  '.txt': 'text/plain',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.zip': 'application/zip',
};

export const attachmentsDir = (dataDir: string) => path.join(dataDir, 'attachments');

const fileOf = (dataDir: string, digest: string) => path.join(attachmentsDir(dataDir), digest.slice(0, 2), digest);

/** A file name safe to show and to send back: no path, no control characters. */
export const cleanFileName = (name: string): string =>
  path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f"<>|:*?]/g, '_').slice(0, 200) || '附件';

export const storeAttachment = async ({
  db,
  actor,
  dataDir,
  fileName,
  content,
}: {
  db: Db;
  actor: Actor;
  dataDir: string;
  fileName: string;
  content: Buffer;
}): Promise<{ digest: string; name: string; size: number }> => {
  const name = cleanFileName(fileName);
  const mimeType = allowed[path.extname(name).toLowerCase()];
  if (!mimeType) throw validationError(`不支持的附件类型：${path.extname(name) || '无扩展名'}。可上传 ${Object.keys(allowed).join(' ')}`);
  if (content.length === 0) throw validationError('附件是空文件');
  if (content.length > MAX_ATTACHMENT_BYTES) throw validationError(`附件不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
  const digest = createHash('sm3').update(content).digest('hex');
  const file = fileOf(dataDir, digest);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Write then rename: a crash never leaves a half file under a digest name.
    const partial = `${file}.${process.pid}.part`;
    fs.writeFileSync(partial, content);
    fs.renameSync(partial, file);
  }
  await db.insert(attachments).values({ digest, size: content.length, mimeType, createdBy: actor.userId }).onConflictDoNothing();
  await db.insert(attachmentUploads).values({ digest, userId: actor.userId }).onConflictDoNothing();
  return { digest, name, size: content.length };
};

export const readAttachment = async ({ db, dataDir, digest }: { db: Db; dataDir: string; digest: string }) => {
  const [row] = await db.select().from(attachments).where(eq(attachments.digest, digest));
  const file = fileOf(dataDir, digest);
  if (!row || !fs.existsSync(file)) throw notFound('附件');
  return { row, stream: fs.createReadStream(file) };
};
