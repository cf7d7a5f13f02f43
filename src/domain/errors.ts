/**
 * Error codes the cloud layer answers with. Every code maps to one HTTP status
 * on the local server and carries a Chinese message a user can act on.
 * Pure: no Taro, no wx, no I/O.
 */
export type ErrorCode =
  | 'BAD_INPUT'        // 400: the request is malformed or a field is invalid
  | 'UNAUTHENTICATED'  // 401: no or expired session
  | 'FORBIDDEN'        // 403: the caller's roles do not allow this
  | 'NOT_FOUND'        // 404
  | 'CONFLICT'         // 409: state does not allow it (already resolved, duplicate …)
  | 'LOCKED'           // 429: too many wrong secrets, wait
  | 'RATE_LIMITED'     // 429: too many requests
  | 'PAYLOAD_TOO_LARGE' // 413
  | 'UNSUPPORTED_MEDIA' // 415
  | 'INTERNAL';        // 500: a real fault on our side

export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LOCKED: 429,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA: 415,
  INTERNAL: 500,
};

/** Default wording when a handler does not say something more specific. */
export const DEFAULT_MESSAGE: Record<ErrorCode, string> = {
  BAD_INPUT: '填写的内容有误，请检查后再提交。',
  UNAUTHENTICATED: '登录已失效，请重新打开小程序。',
  FORBIDDEN: '您没有权限查看或操作这项内容。如需开通，请联系学校或主管部门。',
  NOT_FOUND: '没有找到这项内容，可能已被删除或编号有误。',
  CONFLICT: '这项内容的状态已经变化，请刷新后再试。',
  LOCKED: '尝试次数过多，已暂时锁定，请15分钟后再试。',
  RATE_LIMITED: '操作太频繁了，请稍后再试。',
  PAYLOAD_TOO_LARGE: '文件太大了，请选择10MB以内的图片。',
  UNSUPPORTED_MEDIA: '只能上传图片（JPG、PNG、WebP）。',
  INTERNAL: '服务器开小差了，您的内容没有丢失，请稍后再试。',
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? DEFAULT_MESSAGE[code]);
    this.code = code;
    this.details = details;
  }
}

export interface ErrorBody { code: ErrorCode; message: string; details?: unknown }
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
