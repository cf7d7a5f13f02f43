/**
 * 查询举报进度: code + secret → status, timeline and the dialogue; the
 * reporter answers the handler; the server's words (a lock, a wrong secret)
 * are shown as they are; remembered reports can be opened and forgotten.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { runInAction } from 'mobx';
import Taro from '@tarojs/taro';
import StatusPage from '../../src/packageReport/pages/status/index';
import { ApiError } from '../../src/services/errors';
import { getReportStatus, sendReportMessage, type ReportStatusView } from '../../src/services/report';
import { REMEMBERED_KEY, rememberedReports } from '../../src/stores/reportRemembered';
import { reportLookup } from '../../src/stores/reportStatus';
import { tap, tapAndSettle, typeInto } from './reportFixtures';

jest.mock('../../src/services/report', () => ({
  ...jest.requireActual('../../src/services/report'),
  getReportStatus: jest.fn(),
  sendReportMessage: jest.fn(),
}));

const statusMock = getReportStatus as jest.MockedFunction<typeof getReportStatus>;
const sendMock = sendReportMessage as jest.MockedFunction<typeof sendReportMessage>;

const view = (over: Partial<ReportStatusView> = {}): ReportStatusView => ({
  trackingCode: 'K7QH-M3XP-9R',
  status: 'acknowledged',
  statusName: '正在处理',
  category: 'bullying',
  categoryName: '欺凌、校园暴力',
  priority: 'P2',
  priorityName: '较急',
  createdAt: Date.parse('2026-11-20T10:00:00+08:00'),
  acknowledgedAt: Date.parse('2026-11-20T12:00:00+08:00'),
  timeline: [
    { at: Date.parse('2026-11-20T10:00:00+08:00'), kind: 'submitted', text: '已收到您反映的情况，已交给：思茅第一中学、思茅区教育体育局' },
    { at: Date.parse('2026-11-20T12:00:00+08:00'), kind: 'acknowledged', text: '已经有工作人员接手，正在处理。' },
  ],
  messages: [{ from: 'handler', text: '我们已经收到，请问一般是星期几发生？', at: Date.parse('2026-11-20T13:00:00+08:00') }],
  ...over,
});

beforeEach(() => {
  jest.clearAllMocks();
  Taro.clearStorageSync();
  runInAction(() => {
    rememberedReports.list = [];
  });
  reportLookup.pending = null;
});

async function lookUp(container: HTMLElement, code = 'k7qh m3xp 9r', secret = 'abcd-efgh') {
  await typeInto(container, 'hh-report-status-code', code);
  await typeInto(container, 'hh-report-status-secret', secret);
  await tapAndSettle('查询');
}

describe('查询举报进度', () => {
  it('shows the status, the timeline and the handler’s reply, and sends the reporter’s answer', async () => {
    statusMock.mockResolvedValue(view());
    const { container } = render(<StatusPage />);
    await lookUp(container);

    expect(await screen.findByText('正在处理')).toBeTruthy();
    // Typed loosely, sent as the server writes them; a code not kept on this phone has no reader token.
    expect(statusMock).toHaveBeenCalledWith('K7QH-M3XP-9R', 'ABCD-EFGH', undefined);
    expect(container.textContent).toContain('已经有工作人员接手，正在处理。');
    const handler = container.querySelector('.status-bubble--handler');
    expect(handler?.textContent).toContain('处理人员');
    expect(handler?.textContent).toContain('我们已经收到，请问一般是星期几发生？');

    sendMock.mockResolvedValue({ sent: true, at: Date.now() });
    statusMock.mockResolvedValue(view({
      messages: [...view().messages, { from: 'reporter', text: '一般是星期一和星期三放学后。', at: Date.now() }],
    }));
    await typeInto(container, 'hh-report-message', '一般是星期一和星期三放学后。');
    tap('发送');

    await waitFor(() => expect(container.querySelector('.status-bubble--reporter')?.textContent).toContain('一般是星期一和星期三放学后。'));
    expect(sendMock).toHaveBeenCalledTimes(1);
    const [code, secret, text, options] = sendMock.mock.calls[0];
    expect([code, secret, text]).toEqual(['K7QH-M3XP-9R', 'ABCD-EFGH', '一般是星期一和星期三放学后。']);
    expect(options?.requestId).toMatch(/^[A-Za-z0-9_-]{16,32}$/);
    expect(statusMock).toHaveBeenCalledTimes(2); // read again after sending
  });

  it('keeps the same request id when the same message is sent again after a failure', async () => {
    statusMock.mockResolvedValue(view());
    const { container } = render(<StatusPage />);
    await lookUp(container);
    await screen.findByText('正在处理');

    sendMock.mockRejectedValueOnce(new ApiError('RATE_LIMITED', '操作太频繁了，请稍后再试。')).mockResolvedValueOnce({ sent: true, at: 1 });
    await typeInto(container, 'hh-report-message', '还有一个同学也被他们欺负。');
    tap('发送');
    expect(await screen.findByText('操作太频繁了，请稍后再试。')).toBeTruthy();
    await tapAndSettle('发送');
    expect(sendMock).toHaveBeenCalledTimes(2);
    expect(sendMock.mock.calls[1][3]?.requestId).toBe(sendMock.mock.calls[0][3]?.requestId);
  });

  it('shows the LOCKED message exactly as the server sends it', async () => {
    const locked = '查询码或密码输错次数太多，为了保护举报人，已暂时锁定。请15分钟后再试。';
    statusMock.mockRejectedValue(new ApiError('LOCKED', locked));
    const { container } = render(<StatusPage />);
    await lookUp(container);
    expect(await screen.findByText(locked)).toBeTruthy();
    expect(container.querySelector('.status-bubble')).toBeNull();
  });

  it('says what is wrong with a code that cannot be one, without asking the server', async () => {
    const { container } = render(<StatusPage />);
    await lookUp(container, 'K7QH', 'ABCD-EFGH');
    expect(await screen.findByText(/查询码应该是10位字母和数字/)).toBeTruthy();
    expect(statusMock).not.toHaveBeenCalled();
  });

  it('says a look-alike (0, 1, I, L, O) was copied wrong, since the codes never use them', async () => {
    const { container } = render(<StatusPage />);
    await lookUp(container, 'K7QH-M3XP-9R', 'ABCD-EFG0');
    expect(await screen.findByText(/没有 0、1、I、L、O/)).toBeTruthy();
    expect(statusMock).not.toHaveBeenCalled();
  });

  it('counts wrong tries in a row, so pressing 查询 again visibly did something; a lock speaks for itself', async () => {
    const wrong = '查询码或查询密码不对，请核对后再试。注意：连续输错5次会锁定15分钟。';
    statusMock.mockRejectedValue(new ApiError('NOT_FOUND', wrong));
    const { container } = render(<StatusPage />);
    await lookUp(container);
    expect(await screen.findByText(wrong)).toBeTruthy();
    expect(container.querySelector('.status-tries')).toBeNull(); // once is just a typo

    await tapAndSettle('查询');
    await waitFor(() => expect(container.querySelector('.status-tries')?.textContent).toContain('已经连续输错2次'));
    await tapAndSettle('查询');
    await waitFor(() => expect(container.querySelector('.status-tries')?.textContent).toContain('已经连续输错3次'));

    const locked = '查询码或密码输错次数太多，为了保护举报人，已暂时锁定。请15分钟后再试。';
    statusMock.mockRejectedValue(new ApiError('LOCKED', locked));
    await tapAndSettle('查询');
    expect(await screen.findByText(locked)).toBeTruthy();
    expect(container.querySelector('.status-tries')).toBeNull();
  });

  it('opens a report remembered on this phone, and 忘记 removes it', async () => {
    rememberedReports.remember('K7QH-M3XP-9R', 'ABCD-EFGH');
    statusMock.mockResolvedValue(view({ messages: [], readerToken: 'reader-token-1' }));
    const { container, unmount } = render(<StatusPage />);
    expect(await screen.findByText('这台手机上记住的举报')).toBeTruthy();
    tap('查看');
    expect(await screen.findByText('正在处理')).toBeTruthy();
    expect(statusMock).toHaveBeenCalledWith('K7QH-M3XP-9R', 'ABCD-EFGH', undefined);
    expect(container.textContent).toContain('还没有消息');
    // The phone keeps the reader token with the remembered code and shows it next time (past a guessing attack).
    expect(Taro.getStorageSync(REMEMBERED_KEY)).toEqual([expect.objectContaining({ trackingCode: 'K7QH-M3XP-9R', readerToken: 'reader-token-1' })]);
    unmount();

    const again = render(<StatusPage />);
    tap('查看');
    await waitFor(() => expect(statusMock).toHaveBeenLastCalledWith('K7QH-M3XP-9R', 'ABCD-EFGH', 'reader-token-1'));
    again.unmount();

    render(<StatusPage />);
    tap('忘记');
    expect(Taro.getStorageSync(REMEMBERED_KEY)).toBe('');
    await waitFor(() => expect(screen.queryByText('这台手机上记住的举报')).toBeNull());
  });

  it('looks up at once when opened from the done page, and refreshes on 刷新', async () => {
    reportLookup.pending = { trackingCode: 'K7QH-M3XP-9R', secret: 'ABCD-EFGH' };
    statusMock.mockResolvedValue(view());
    render(<StatusPage />);
    expect(await screen.findByText('正在处理')).toBeTruthy();
    statusMock.mockResolvedValue(view({ status: 'resolved', statusName: '已办结', dispositionName: '情况属实，已处理' }));
    fireEvent.click(screen.getByText('刷新', { selector: '.at-button__text' }));
    expect(await screen.findByText('处理结果：情况属实，已处理')).toBeTruthy();
    expect(reportLookup.pending).toBeNull();
  });
});
