/**
 * The multipart body of every register import route: `file` (.xlsx ≤ 10 MB), optional `mapping` (JSON,
 * checked against the register's own mapping schema), `mode` ('all' when absent) and any other small
 * fields a register takes. A body announced larger than the limit is refused before a byte of it is read.
 */
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ImportMode } from '../../../../common/schemas/register-import.js';
import { validationError } from '../errors.js';
import { MAX_REGISTER_BYTES } from './read-register.js';

/** Room for the form fields and multipart framing around the file. */
const ENVELOPE_BYTES = 256 * 1024;
const tooLarge = () => validationError(`登记簿文件不能超过 ${MAX_REGISTER_BYTES / 1024 / 1024} MB，请分成几个文件导入`);

export const firstMessage = (error: z.ZodError) => error.issues[0]?.message ?? '格式不正确';

/** The `mapping` field (JSON text) checked against a register's mapping schema. */
export const parseMapping = <S extends z.ZodType>(value: unknown, schema: S): z.infer<S> | undefined => {
  if (value === undefined || value === '') return undefined;
  let json = value;
  if (typeof value === 'string') {
    try {
      json = JSON.parse(value);
    } catch {
      throw validationError('列对应（mapping）不是有效的 JSON');
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw validationError(`列对应（mapping）有误：${firstMessage(parsed.error)}`);
  return parsed.data;
};

/** The upload with its mapping still unchecked: for a register whose mapping has other fields. */
export type UploadParts = { fileName: string; content: Buffer; mode: ImportMode; mapping: unknown; values: Record<string, unknown> };

export const readUploadParts = async (request: FastifyRequest): Promise<UploadParts> => {
  if (!request.isMultipart()) throw validationError('请以 multipart/form-data 上传登记簿（字段 file）');
  if (Number(request.headers['content-length'] ?? 0) > MAX_REGISTER_BYTES + ENVELOPE_BYTES) throw tooLarge();
  let file: { name: string; content: Buffer } | undefined;
  const values: Record<string, unknown> = {};
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_REGISTER_BYTES, files: 1, fields: 10, fieldSize: 64 * 1024 } })) {
      if (part.type === 'file') {
        const content = await part.toBuffer(); // read it whatever its name: an unread part stalls the request
        if (part.fieldname === 'file') file = { name: part.filename, content };
        continue;
      }
      if (part.valueTruncated) throw validationError(`字段 ${part.fieldname} 过长`);
      values[part.fieldname] = part.value;
    }
  } catch (error) {
    if ((error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw error;
  }
  if (!file || file.content.length === 0) throw validationError('没有收到登记簿文件（字段 file）');
  const mode = ImportMode.safeParse(values.mode === undefined || values.mode === '' ? 'all' : values.mode);
  if (!mode.success) throw validationError(firstMessage(mode.error));
  return { fileName: file.name, content: file.content, mapping: values.mapping, mode: mode.data, values };
};
