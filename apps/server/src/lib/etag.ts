import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors';

/** The strong ETag of a versioned record. */
export const etagOf = (kind: string, id: string | number, version: number) => `"${kind}-${id}-v${version}"`;

/** Set the ETag header of a versioned record on the response. */
export function setEtag(reply: FastifyReply, kind: string, id: string | number, version: number) {
  reply.header('etag', etagOf(kind, id, version));
}

/**
 * The version a write is based on, from `If-Match`. Missing gives 428 and a tag for another record gives 412, so two
 * editors never silently overwrite each other. The service must still compare it with the stored version inside its
 * transaction (`update … where version = $expected`) and throw `staleWrite()` when no row matched.
 */
export function requireIfMatch(req: FastifyRequest, kind: string, id: string | number): number {
  const header = req.headers['if-match'];
  if (!header)
    throw new AppError(
      428,
      'if_match_required',
      'This edit needs the If-Match header with the ETag you last read.',
      'Thao tác sửa cần tiêu đề If-Match với ETag đã đọc gần nhất.',
    );
  const m = new RegExp(`^(?:W/)?"${kind}-${String(id).replace(/[^\w-]/g, '')}-v(\\d+)"$`).exec(String(header).trim());
  if (!m) throw staleWrite();
  return Number(m[1]);
}

/** 412: someone else saved first; nothing was written. */
export const staleWrite = () =>
  new AppError(
    412,
    'stale_write',
    'Someone else changed this record after you opened it. Nothing was saved; reload to see their changes, then apply yours again.',
    'Bản ghi đã được người khác thay đổi sau khi bạn mở. Chưa có gì được lưu; hãy tải lại để xem thay đổi rồi nhập lại nội dung của bạn.',
  );
