import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { Problem } from '@regionlink/shared';

export interface FieldError {
  path: string;
  message: string;
  messageVi: string;
}

/**
 * An error the user can act on: an HTTP status, a stable code, and a message in English and Vietnamese.
 * Services throw these; the error handler turns them into `application/problem+json`.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageEn: string,
    readonly messageVi: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(messageEn);
  }
}

const TITLES: Record<number, [string, string]> = {
  400: ['Bad request', 'Yêu cầu không hợp lệ'],
  401: ['Not signed in', 'Chưa đăng nhập'],
  403: ['Forbidden', 'Không có quyền'],
  404: ['Not found', 'Không tìm thấy'],
  409: ['Conflict', 'Xung đột trạng thái'],
  412: ['Precondition failed', 'Dữ liệu đã bị người khác thay đổi'],
  413: ['Payload too large', 'Dữ liệu gửi lên quá lớn'],
  415: ['Unsupported media type', 'Định dạng dữ liệu không được hỗ trợ'],
  422: ['Unprocessable content', 'Dữ liệu không hợp lệ'],
  428: ['Precondition required', 'Thiếu điều kiện If-Match'],
  429: ['Too many requests', 'Quá nhiều yêu cầu'],
  500: ['Internal server error', 'Lỗi máy chủ'],
};

/** Build the problem body for a status, code and messages. */
export function problemBody(
  status: number,
  code: string,
  detail: string,
  detailVi: string,
  errors?: FieldError[],
  extra?: Record<string, unknown>,
): Problem & Record<string, unknown> {
  const [title, titleVi] = TITLES[status] ?? TITLES[500];
  return {
    type: `https://regionlink.gov.vn/problems/${code}`,
    title,
    titleVi,
    status,
    code,
    detail,
    detailVi,
    ...(errors ? { errors } : {}),
    ...(extra ?? {}),
  };
}

/** Send a problem response with the right content type. */
export function sendProblem(reply: FastifyReply, body: ReturnType<typeof problemBody>) {
  return reply.status(body.status).type('application/problem+json; charset=utf-8').send(body);
}

interface ZodIssueLike {
  code?: string;
  path?: (string | number)[];
  message: string;
  expected?: string;
  values?: unknown[];
  keys?: string[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  instancePath?: string;
  params?: { issue?: ZodIssueLike };
}

/** Vietnamese wording of a zod issue; the English one is zod's own message. */
export function translateIssueVi(issue: ZodIssueLike): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.message.includes('received undefined')
        ? 'Thiếu giá trị bắt buộc'
        : `Sai kiểu dữ liệu (cần ${issue.expected ?? 'giá trị khác'})`;
    case 'invalid_value':
      return `Giá trị không hợp lệ; chỉ chấp nhận: ${(issue.values ?? []).map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `Trường không được phép: ${(issue.keys ?? []).join(', ')}`;
    case 'too_small':
      return `Giá trị quá nhỏ hoặc quá ngắn (tối thiểu ${String(issue.minimum)})`;
    case 'too_big':
      return `Giá trị quá lớn hoặc quá dài (tối đa ${String(issue.maximum)})`;
    case 'invalid_format':
      return issue.format === 'regex' ? `Sai định dạng: ${issue.message}` : `Sai định dạng (${issue.format ?? ''})`;
    default:
      return `Giá trị không hợp lệ: ${issue.message}`;
  }
}

/** Turn zod issues into field errors whose path starts with the request part (`query.at`, `body.username`). */
export function zodIssuesToFieldErrors(issues: ZodIssueLike[], prefix: string): FieldError[] {
  return issues.map((issue) => {
    const path = [prefix, ...(issue.path ?? [])].filter((p) => p !== '').join('.');
    return { path, message: issue.message, messageVi: translateIssueVi(issue) };
  });
}

/** Register the error handler and the not-found handler so every API error is problem+json, never a bare 500. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      return sendProblem(reply, problemBody(err.status, err.code, err.messageEn, err.messageVi, err.errors, err.extra));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const part = err.validationContext === 'querystring' ? 'query' : (err.validationContext ?? 'request');
      const issues = err.validation.map((v) => ({
        ...(v.params as object),
        code: v.keyword,
        message: v.message ?? '',
        path: v.instancePath.split('/').filter(Boolean),
      }));
      const errors = zodIssuesToFieldErrors(issues, part);
      const fields = errors.map((e) => e.path).join(', ');
      return sendProblem(
        reply,
        problemBody(
          400,
          'validation_failed',
          `Invalid parameter: ${fields}`,
          `Tham số không hợp lệ: ${fields}`,
          errors,
        ),
      );
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
      return sendProblem(
        reply,
        problemBody(
          500,
          'internal',
          'The server produced an invalid response.',
          'Máy chủ tạo ra phản hồi không hợp lệ.',
        ),
      );
    }
    const input = clientInputError(err);
    if (input) return sendProblem(reply, input);
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) {
      req.log.error({ err }, 'unhandled error');
      return sendProblem(
        reply,
        problemBody(500, 'internal', 'An unexpected error occurred.', 'Đã xảy ra lỗi không mong muốn.'),
      );
    }
    const code = (err.code ?? 'bad_request').toLowerCase();
    return sendProblem(reply, problemBody(status, code, err.message, TITLES[status]?.[1] ?? err.message));
  });
}

/**
 * PostgreSQL errors that can only come from a value the client sent (a number beyond its column, a date beyond the
 * calendar, text the column cannot hold): a 400, whichever route let the value through. Each route should refuse
 * such values in its schema first; this is the net under every route, including ones written later.
 */
const DB_INPUT_ERRORS: Record<string, [string, string]> = {
  '22003': ['A number is outside the range the database can store.', 'Một giá trị số vượt quá phạm vi lưu trữ.'],
  '22P02': ['A value has the wrong form for its field.', 'Một giá trị sai định dạng.'],
  '22007': ['A date or time has the wrong form.', 'Ngày hoặc giờ sai định dạng.'],
  '22008': ['A date or time is outside the calendar range.', 'Ngày hoặc giờ nằm ngoài phạm vi cho phép.'],
  '22021': ['Text contains a character that cannot be stored.', 'Văn bản chứa ký tự không thể lưu.'],
  '22001': ['A text value is too long for its field.', 'Một giá trị văn bản quá dài.'],
  '54000': ['A value is too large to be stored.', 'Một giá trị quá lớn để lưu.'],
};

/** Messages of the multipart parser (busboy) when the body is not well-formed multipart. */
const MULTIPART_MALFORMED = [
  /^Multipart: /,
  /Boundary required/,
  /unexpected end of (multipart data|form)/i,
  /terminated early/,
  /^The needle /,
  /Malformed part header/i,
];

/** The problem for an error caused by the request's content, or null for a genuine server fault. */
export function clientInputError(err: unknown): ReturnType<typeof problemBody> | null {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, i = 0; e && i < 4; i++) {
    const code = typeof e.code === 'string' ? e.code : '';
    const db = DB_INPUT_ERRORS[code];
    if (db) return problemBody(400, 'invalid_value', db[0], db[1]);
    const message = typeof e.message === 'string' ? e.message : '';
    if (code === 'FST_MP_PREMATURE_CLOSE' || MULTIPART_MALFORMED.some((re) => re.test(message)))
      return problemBody(
        400,
        'multipart_malformed',
        'The upload is not well-formed multipart/form-data (no boundary, or cut off before its end). Nothing was saved.',
        'Dữ liệu tải lên không đúng định dạng multipart/form-data (thiếu boundary hoặc bị cắt giữa chừng). Chưa có gì được lưu.',
      );
    e = e.cause as typeof e;
  }
  return null;
}

export const notFound = (what: string, whatVi: string) =>
  new AppError(404, 'not_found', `${what} not found.`, `Không tìm thấy ${whatVi}.`);
export const unauthorized = () => new AppError(401, 'unauthenticated', 'Please sign in.', 'Vui lòng đăng nhập.');
export const forbidden = () =>
  new AppError(
    403,
    'forbidden',
    'You do not have permission for this action.',
    'Bạn không có quyền thực hiện thao tác này.',
  );
