/**
 * Reading a register in a worker thread, so that the server keeps answering (health checks, other
 * users) while a large workbook is unzipped and parsed. The worker has its own memory cap and a time
 * limit: a file that would exhaust either is refused, and the server's own heap is never at risk.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, validationError } from '../errors.js';
import type { HeaderAliases } from './columns.js';
import type { Register } from './read-register.js';

const READ_TIMEOUT_MS = 60_000;
const WORKER_HEAP_MB = 512;

// The worker file has this module's own extension: .ts when run through tsx (npm start, tests), .js if compiled.
const workerUrl = new URL(`./parse-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
const isTypeScript = workerUrl.pathname.endsWith('.ts');

type WorkerReply = { register: Register } | { error: { code?: AppError['code']; message: string; details?: unknown } };

/**
 * The register of an uploaded workbook, read off the event loop; refusals arrive as the same AppErrors as
 * in-process. `aliases` are the header names of the register's fields: the header row is the one they match best.
 */
export const readRegisterOffThread = ({ content, aliases }: { content: Buffer; aliases: HeaderAliases }): Promise<Register> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl, {
      workerData: { content, aliases },
      execArgv: isTypeScript ? ['--import', 'tsx'] : [],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    let isSettled = false;
    const settle = (outcome: () => void) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      outcome();
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(() => reject(validationError('读取登记簿超时，请把登记簿分成几个较小的文件导入'))), READ_TIMEOUT_MS);
    worker.once('message', (reply: WorkerReply) =>
      settle(() => {
        if ('register' in reply) resolve(reply.register);
        else if (reply.error.code) reject(new AppError(reply.error.code, reply.error.message, reply.error.details));
        else reject(new Error(reply.error.message));
      }),
    );
    worker.once('error', (error) =>
      settle(() => reject((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? validationError('登记簿过大，无法读取，请分成几个文件导入') : error)),
    );
    worker.once('exit', (code) => settle(() => reject(new Error(`register reader exited with code ${code}`))));
  });
