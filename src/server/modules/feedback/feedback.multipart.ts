import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { HttpApp } from '../../http/app.ts';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_COUNT } from './feedback.constants.ts';
import type { UploadedFile } from './index.ts';

// Reads a form that may carry images (multipart/form-data) or none (urlencoded) into text fields and files.
// A file over the size limit is not read further: it comes back marked tooLarge, so the form can say which one.

export interface FormParts {
  fields: Record<string, string>;
  files: UploadedFile[];
}

/** Registers the multipart parser on a route scope (the feedback form, Open311 POST /requests). */
export async function registerMultipart(app: HttpApp): Promise<void> {
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: {
      fileSize: ATTACHMENT_MAX_BYTES,
      // One more than allowed, so that "too many images" is a message next to the field, not a failed request.
      files: ATTACHMENT_MAX_COUNT + 1,
      fields: 40,
      fieldSize: 64 * 1024,
      parts: 60,
    },
  });
}

export async function readFormParts(request: FastifyRequest, fileFields: string[]): Promise<FormParts> {
  if (!request.isMultipart()) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === 'string') fields[key] = value;
      else if (Array.isArray(value) && typeof value[0] === 'string') fields[key] = value[0];
    }
    return { fields, files: [] };
  }
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const data = await part.toBuffer();
      // A file input left empty still sends a part, with no name and no bytes.
      const filename = part.filename ?? '';
      if (!fileFields.includes(part.fieldname) || (filename === '' && data.length === 0)) continue;
      files.push({
        filename,
        mime: part.mimetype,
        data,
        ...(part.file.truncated && { tooLarge: true }),
      });
    } else if (typeof part.value === 'string' && !(part.fieldname in fields)) {
      fields[part.fieldname] = part.value;
    }
  }
  return { fields, files };
}
