/**
 * The worker that reads a register workbook (read-off-thread.ts starts it): unzipping and parsing the
 * XML of a large file takes seconds of CPU, which on the main thread would stall every request.
 */
import { parentPort, workerData } from 'node:worker_threads';
import './exceljs-utf8.js'; // first: ExcelJS must load with the fixed decoder
import { AppError } from '../errors.js';
import { headerCounter, type HeaderAliases } from './columns.js';
import { readRegisterStream } from './read-register.js';

// The header names arrive as data: functions do not cross threads.
const { content, aliases } = workerData as { content: Uint8Array; aliases: HeaderAliases };
try {
  const register = await readRegisterStream(Buffer.from(content.buffer, content.byteOffset, content.byteLength), headerCounter(aliases));
  parentPort!.postMessage({ register });
} catch (error) {
  parentPort!.postMessage(
    error instanceof AppError ? { error: { code: error.code, message: error.message, details: error.details } } : { error: { message: error instanceof Error ? error.message : String(error) } },
  );
}
