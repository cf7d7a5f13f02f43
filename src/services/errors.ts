import { DEFAULT_MESSAGE, type ErrorCode } from '../domain/errors';

/** Codes a page may see: the server's, plus NETWORK when no answer came back. */
export type ApiErrorCode = ErrorCode | 'NETWORK';

export const NETWORK_MESSAGE = '网络连接不上，请检查手机网络后再试一次。';

/**
 * What a failed call throws. `message` is always Chinese a user can act on,
 * so a page can show it as it is.
 */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly details?: unknown;
  constructor(code: ApiErrorCode, message?: string, details?: unknown) {
    super(message || (code === 'NETWORK' ? NETWORK_MESSAGE : DEFAULT_MESSAGE[code] ?? DEFAULT_MESSAGE.INTERNAL));
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** The Chinese sentence to show for anything a call threw. */
export function messageOf(e: unknown): string {
  if (isApiError(e)) return e.message;
  return DEFAULT_MESSAGE.INTERNAL;
}
