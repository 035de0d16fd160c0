/**
 * The multipart body of the import routes: `file` (.xlsx ≤ 10 MB), optional `mapping` (JSON), `mode`
 * ('all' when absent) and, for the 收文登记簿, `defaultDocType`. A body announced larger than the limit
 * is refused before a byte of it is read.
 */
import type { FastifyRequest } from 'fastify';
import { validationError } from '../../../platform/errors.js';
import { firstMessage, parseMapping, readUploadParts } from '../../../platform/registers/upload.js';
import { DefaultDocType, ImportMapping, ImportMode } from '../../../../../common/schemas/incoming-import.js';

export type RegisterUpload = { fileName: string; content: Buffer; mapping: ImportMapping | undefined; defaultDocType: DefaultDocType | undefined; mode: ImportMode };

/** The upload of a 收文登记簿, its mapping checked. */
export const readRegisterUpload = async (request: FastifyRequest): Promise<RegisterUpload> => {
  const { values, ...parts } = await readUploadParts(request);
  const docType = values.defaultDocType === undefined || values.defaultDocType === '' ? undefined : DefaultDocType.safeParse(values.defaultDocType);
  if (docType && !docType.success) throw validationError(firstMessage(docType.error));
  return { ...parts, mapping: parseMapping(parts.mapping, ImportMapping), defaultDocType: docType?.data };
};
