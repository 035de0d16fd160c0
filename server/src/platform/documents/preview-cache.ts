/**
 * Rendered previews kept on disk, one per document version: LibreOffice takes 7–22 s, so a version
 * is rendered once (in the background when it is saved, or on its first view) and every later view
 * reads the file. Files live under the data directory, so they survive restarts and serve every process.
 *
 * A version is the hash of its document model: an action that changes nothing printed (a 核稿 note)
 * keeps the preview; one that does (an edit, the 文号 at 登记) makes a new one.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderPdfPreview, renderPngOfFirstPage } from './preview.js';

export type PreviewKey = { caseId: string; hash: string };
export type PreviewFormat = 'pdf' | 'png';
type Logger = { error: (object: unknown, message: string) => void };

/** Background renders waiting beyond this are dropped: they are made on their first view instead. */
const maxQueuedInBackground = 16;

/** The version of a document: a hash of its model (what is printed), not of the case row. */
export const previewKeyOf = (caseId: string, model: unknown): PreviewKey => ({
  caseId,
  hash: createHash('sha256').update(JSON.stringify(model)).digest('hex').slice(0, 32),
});

type Job = { key: PreviewKey; docx: () => Promise<Buffer>; done: Promise<void>; settle: (error?: unknown) => void };

export type PreviewStore = ReturnType<typeof createPreviewStore>;

/**
 * One render at a time from a small queue. A view of a version being rendered (or queued) waits for
 * that render, and a view jumps ahead of background work; a newer version of a case replaces its queued older one.
 */
export const createPreviewStore = ({ directory, log }: { directory: string; log: Logger }) => {
  const queue: Job[] = [];
  const pending = new Map<string, Job>(); // queued or rendering, by caseId/hash
  let current: Job | undefined;
  let isClosed = false;

  const idOf = (key: PreviewKey) => `${key.caseId}/${key.hash}`;
  const fileOf = (key: PreviewKey, format: PreviewFormat) => path.join(directory, key.caseId, `${key.hash}.${format}`);
  const readCached = async (key: PreviewKey, format: PreviewFormat): Promise<Buffer | undefined> => {
    try {
      return await readFile(fileOf(key, format));
    } catch {
      return undefined;
    }
  };
  /** Written under a temporary name and renamed: another process never reads half a file. */
  const writeAtomically = async (file: string, content: Buffer) => {
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${randomUUID()}.tmp`;
    await writeFile(temporary, content);
    await rename(temporary, file);
  };
  /** Older versions of the case are no longer viewed: only its latest is kept. */
  const removeOlderVersions = async (key: PreviewKey) => {
    const folder = path.join(directory, key.caseId);
    for (const name of await readdir(folder).catch(() => [] as string[])) {
      if (!name.startsWith(key.hash)) await rm(path.join(folder, name), { force: true });
    }
  };

  const render = async (job: Job) => {
    if (await readCached(job.key, 'pdf')) return; // another process made it meanwhile
    const pdf = await renderPdfPreview(await job.docx());
    await writeAtomically(fileOf(job.key, 'pdf'), pdf);
    try {
      await writeAtomically(fileOf(job.key, 'png'), await renderPngOfFirstPage(pdf));
    } catch (error) {
      log.error({ err: error, caseId: job.key.caseId }, '公文首页预览图生成失败'); // the PNG view retries from the cached PDF
    }
    await removeOlderVersions(job.key);
  };

  const drain = async () => {
    if (current) return;
    while (!isClosed && queue.length > 0) {
      const job = queue.shift()!;
      current = job;
      try {
        await render(job);
        job.settle();
      } catch (error) {
        job.settle(error);
      } finally {
        pending.delete(idOf(job.key));
        current = undefined;
      }
    }
  };

  const enqueue = (key: PreviewKey, docx: () => Promise<Buffer>, isViewed: boolean): Job => {
    const known = pending.get(idOf(key));
    if (known) {
      // A view of a queued background render moves it to the front.
      const position = queue.indexOf(known);
      if (isViewed && position > 0) queue.unshift(...queue.splice(position, 1));
      return known;
    }
    let settle!: Job['settle'];
    const done = new Promise<void>((resolve, reject) => {
      settle = (error) => (error ? reject(error) : resolve());
    });
    const job: Job = { key, docx, done, settle };
    const older = queue.findIndex((queued) => queued.key.caseId === key.caseId);
    if (older >= 0 && !isViewed) {
      const [replaced] = queue.splice(older, 1);
      pending.delete(idOf(replaced!.key));
      replaced!.settle(); // nobody waits on a background render
    }
    if (isViewed) queue.unshift(job);
    else queue.push(job);
    while (queue.length > maxQueuedInBackground) {
      const dropped = queue.pop()!;
      pending.delete(idOf(dropped.key));
      dropped.settle();
    }
    pending.set(idOf(key), job);
    void drain();
    return job;
  };

  return {
    /** The preview of this version: from disk, or rendered once (waiting for a render already under way). */
    read: async (key: PreviewKey, format: PreviewFormat, docx: () => Promise<Buffer>): Promise<Buffer> => {
      const cached = await readCached(key, format);
      if (cached) return cached;
      let pdf = await readCached(key, 'pdf');
      // Twice at most: a queued render can be superseded by a newer version's before it runs.
      for (let attempt = 0; !pdf && attempt < 2; attempt += 1) {
        await enqueue(key, docx, true).done;
        const rendered = await readCached(key, format);
        if (rendered) return rendered;
        pdf = await readCached(key, 'pdf');
      }
      if (!pdf) throw new Error('公文版式预览未能生成');
      // The PDF is there but its PNG is not (pdftoppm failed before): make the PNG alone, no LibreOffice.
      const png = await renderPngOfFirstPage(pdf);
      await writeAtomically(fileOf(key, 'png'), png);
      return png;
    },
    /** Starts rendering a saved version in the background; failures are logged, never thrown. */
    prerender: (key: PreviewKey, docx: () => Promise<Buffer>): void => {
      if (isClosed) return;
      void (async () => {
        if (await readCached(key, 'pdf')) return;
        await enqueue(key, docx, false).done;
      })().catch((error: unknown) => log.error({ err: error, caseId: key.caseId }, '公文版式预览后台生成失败'));
    },
    /** Stops taking work and waits for the render under way (the server is closing). */
    close: async () => {
      isClosed = true;
      for (const job of queue.splice(0)) {
        pending.delete(idOf(job.key));
        job.settle(new Error('服务正在关闭'));
      }
      await current?.done.catch(() => undefined);
    },
  };
};
