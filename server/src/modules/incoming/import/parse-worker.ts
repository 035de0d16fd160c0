/**
 * The worker that reads a register workbook (read-off-thread.ts starts it): unzipping and parsing the
 * XML of a large file takes seconds of CPU, which on the main thread would stall every request.
 */
import { parentPort, workerData } from 'node:worker_threads';
import './exceljs-utf8.js'; // first: ExcelJS must load with the fixed decoder
import { AppError } from '../../../platform/errors.js';
import { countKnownHeaders as countOutgoingHeaders } from '../../outgoing/import/register-columns.js';
import { readRegisterStream, type RegisterType } from './read-register.js';
import { countKnownHeaders as countIncomingHeaders } from './register-columns.js';

const counters = { incoming: countIncomingHeaders, outgoing: countOutgoingHeaders };

const { content, type } = workerData as { content: Uint8Array; type: RegisterType };
try {
  const register = await readRegisterStream(Buffer.from(content.buffer, content.byteOffset, content.byteLength), counters[type]);
  parentPort!.postMessage({ register });
} catch (error) {
  parentPort!.postMessage(
    error instanceof AppError ? { error: { code: error.code, message: error.message, details: error.details } } : { error: { message: error instanceof Error ? error.message : String(error) } },
  );
}
