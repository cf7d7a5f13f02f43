/**
 * The write path: one request id per logical write, carried by every retry;
 * network failures are retried with backoff, answers from the server that
 * would not change (4xx) are not.
 */
import { MAX_ATTEMPTS, RETRY_DELAYS_MS, call, write, type Progress } from '../../src/services/api';
import { ApiError } from '../../src/services/errors';
import { send } from '../../src/services/transport';
import { NetworkError, type WireRequest } from '../../src/services/wire';

jest.mock('../../src/services/transport', () => ({ send: jest.fn(), canSignOut: false, signOut: jest.fn() }));

const sendMock = send as jest.MockedFunction<typeof send>;
const sent = () => sendMock.mock.calls.map(([req]) => req as WireRequest);

/** Runs a call to completion while fake time passes through its backoff waits. */
async function settle<T>(p: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  const outcome = p.then((value) => ({ value }), (error: unknown) => ({ error }));
  await jest.runAllTimersAsync();
  return outcome;
}

describe('api.write', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    sendMock.mockReset();
  });
  afterEach(() => jest.useRealTimers());

  it('retries network failures with the same request id until the server answers', async () => {
    sendMock
      .mockRejectedValueOnce(new NetworkError())
      .mockRejectedValueOnce(new NetworkError())
      .mockResolvedValueOnce({ ok: true, data: { roles: [], label: '演示' } });
    const progress: Progress[] = [];

    const { value, error } = await settle(write('auth.redeem', { code: 'DEMO-1' }, { onProgress: (p) => progress.push(p) }));

    expect(error).toBeUndefined();
    expect(value).toEqual({ roles: [], label: '演示' });
    expect(sendMock).toHaveBeenCalledTimes(3);
    const ids = sent().map((r) => r.requestId);
    expect(ids[0]).toMatch(/^[A-Za-z0-9_-]{16,32}$/);
    expect(new Set(ids).size).toBe(1);
    expect(sent().every((r) => r.action === 'auth.redeem' && (r.data as { code: string }).code === 'DEMO-1')).toBe(true);
    // The page hears about each try and each wait, with growing waits.
    expect(progress.filter((p) => p.state === 'waiting').map((p) => p.retryInMs)).toEqual(RETRY_DELAYS_MS.slice(0, 2));
    expect(progress.filter((p) => p.state === 'sending').map((p) => p.attempt)).toEqual([1, 2, 3]);
  });

  it('stops at the first 4xx answer and surfaces its Chinese message', async () => {
    sendMock
      .mockRejectedValueOnce(new NetworkError())
      .mockResolvedValueOnce({ ok: false, error: { code: 'BAD_INPUT', message: '请输入完整的邀请码。' } })
      .mockResolvedValue({ ok: true, data: {} });

    const { error } = await settle(write('auth.redeem', { code: 'x' }));

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('BAD_INPUT');
    expect((error as ApiError).message).toBe('请输入完整的邀请码。');
    expect(sendMock).toHaveBeenCalledTimes(2);
    expect(sent()[0].requestId).toBe(sent()[1].requestId);
  });

  it('gives up after five tries with a network error the page can show', async () => {
    sendMock.mockRejectedValue(new NetworkError());
    const { error } = await settle(write('report.message', { text: '你好' }));
    expect(sendMock).toHaveBeenCalledTimes(MAX_ATTEMPTS);
    expect(MAX_ATTEMPTS).toBe(5);
    expect((error as ApiError).code).toBe('NETWORK');
    expect((error as ApiError).message).toMatch(/网络/);
  });

  it('keeps the request id the page passes in, so pressing 提交 again is the same write', async () => {
    sendMock.mockResolvedValue({ ok: true, data: {} });
    await settle(write('auth.redeem', { code: 'A' }, { requestId: 'page-kept-id-123456' }));
    await settle(write('auth.redeem', { code: 'A' }, { requestId: 'page-kept-id-123456' }));
    expect(sent().map((r) => r.requestId)).toEqual(['page-kept-id-123456', 'page-kept-id-123456']);
  });

  it('waits and asks again while an earlier copy of the same write is still running (CONFLICT inProgress)', async () => {
    sendMock
      .mockResolvedValueOnce({ ok: false, error: { code: 'CONFLICT', message: '上一次提交还在处理中，请稍等几秒再试。', details: { inProgress: true } } })
      .mockResolvedValueOnce({ ok: true, data: { trackingCode: 'K7QH-M3XP-9R' } });
    const { value, error } = await settle(write('report.submit', { category: 'other' }));
    expect(error).toBeUndefined();
    expect(value).toEqual({ trackingCode: 'K7QH-M3XP-9R' });
    expect(sendMock).toHaveBeenCalledTimes(2);
    expect(sent()[0].requestId).toBe(sent()[1].requestId);
  });

  it('does not retry an ordinary CONFLICT (the state really changed)', async () => {
    sendMock.mockResolvedValue({ ok: false, error: { code: 'CONFLICT', message: '这个案件已经有人接手了，请刷新页面查看最新情况。' } });
    const { error } = await settle(write('case.acknowledge', { id: 'c1' }));
    expect((error as ApiError).code).toBe('CONFLICT');
    expect(sendMock).toHaveBeenCalledTimes(1);
  });

  it('gives two separate writes two different request ids', async () => {
    sendMock.mockResolvedValue({ ok: true, data: {} });
    await settle(write('auth.redeem', { code: 'A' }));
    await settle(write('auth.redeem', { code: 'B' }));
    const [a, b] = sent().map((r) => r.requestId);
    expect(a).not.toBe(b);
  });
});

describe('api.call', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    sendMock.mockReset();
  });
  afterEach(() => jest.useRealTimers());

  it('sends reads without a request id and retries them after a network failure', async () => {
    sendMock.mockRejectedValueOnce(new NetworkError()).mockResolvedValueOnce({ ok: true, data: { cityName: '普洱市' } });
    const { value } = await settle(call('catalog.get'));
    expect(value).toEqual({ cityName: '普洱市' });
    expect(sent().map((r) => r.requestId)).toEqual([undefined, undefined]);
  });

  it('does not retry a FORBIDDEN answer', async () => {
    sendMock.mockResolvedValue({ ok: false, error: { code: 'FORBIDDEN', message: '您没有权限查看或操作这项内容。' } });
    const { error } = await settle(call('case.list'));
    expect((error as ApiError).code).toBe('FORBIDDEN');
    expect(sendMock).toHaveBeenCalledTimes(1);
  });
});
