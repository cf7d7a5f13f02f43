/**
 * 举报已提交: the code and secret shown once, large, with 复制 and a plain
 * warning that nobody can recover them; kept on the phone only when the
 * reporter ticks 在这台手机上记住; forgotten from memory when the page closes;
 * erased by 我已经记下来了 only after 查询码抄好了吗？ is answered 抄好了.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { runInAction } from 'mobx';
import Taro from '@tarojs/taro';
import DonePage from '../../src/packageReport/pages/done/index';
import type { SubmitAnswer } from '../../src/services/report';
import { catalogStore } from '../../src/stores/catalog';
import { reportQueue } from '../../src/stores/reportQueue';
import { RECEIPT_KEY, ReportReceiptStore, reportReceipt } from '../../src/stores/reportReceipt';
import { REMEMBERED_KEY, rememberedReports } from '../../src/stores/reportRemembered';
import { reportLookup } from '../../src/stores/reportStatus';
import { catalogAnswer, tap } from './reportFixtures';

jest.mock('../../src/services/catalog', () => ({
  getCatalog: jest.fn(async () => jest.requireActual('./reportFixtures').catalogAnswer()),
}));
jest.mock('../../src/services/report', () => ({
  ...jest.requireActual('../../src/services/report'),
  submitReport: jest.fn(),
}));

const ANSWER: SubmitAnswer = {
  trackingCode: 'K7QH-M3XP-9R',
  secret: 'ABCD-EFGH',
  priority: 'P1',
  routedTo: ['思茅区公安局', '思茅区人民检察院'],
  dueAt: 0,
};

beforeEach(() => {
  jest.clearAllMocks();
  Taro.clearStorageSync();
  runInAction(() => {
    // Loaded already, as after the form: the page's catalog.load() then changes nothing after a test ends.
    catalogStore.catalog = catalogAnswer() as unknown as typeof catalogStore.catalog;
    reportReceipt.answers = [];
    (reportReceipt as any).loaded = false;
    reportQueue.items = [];
    rememberedReports.list = [];
  });
  reportLookup.pending = null;
});

describe('举报已提交', () => {
  it('shows the code and secret in groups, with 复制, the warning, where it went and how soon', async () => {
    reportReceipt.show(ANSWER);
    const { container } = render(<DonePage />);

    const groups = Array.from(container.querySelectorAll('.done-secret__group')).map((g) => g.textContent);
    expect(groups).toEqual(['K7QH', 'M3XP', '9R', 'ABCD', 'EFGH']);
    const text = container.textContent ?? '';
    expect(text).toContain('查询码和密码只显示这一次');
    expect(text).toContain('谁都找不回来——警察、学校和我们都不能');
    expect(text).toContain('已经交给：思茅区公安局、思茅区人民检察院');
    expect(screen.getByText('1小时内会有人接手。')).toBeTruthy();
    for (const n of ['110', '120', '12356', '12355']) expect(text).toContain(n);

    fireEvent.click(container.querySelector('.hh-report-code-copy')!);
    expect(Taro.setClipboardData).toHaveBeenLastCalledWith({ data: 'K7QH-M3XP-9R' });
    fireEvent.click(container.querySelector('.hh-report-secret-copy')!);
    expect(Taro.setClipboardData).toHaveBeenLastCalledWith({ data: 'ABCD-EFGH' });
  });

  it('asks before 回到首页 forgets a code and secret this phone does not keep', async () => {
    reportReceipt.show(ANSWER);
    render(<DonePage />);
    await screen.findByText('查询码');
    const modal = Taro.showModal as jest.Mock;

    modal.mockResolvedValueOnce({ confirm: false, cancel: true });
    tap('回到首页');
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1));
    expect(modal.mock.calls[0][0].content).toContain('只显示这一次');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(Taro.switchTab).not.toHaveBeenCalled(); // 还没有: the code and secret stay on screen
    expect(screen.getByText('查询码')).toBeTruthy();

    modal.mockResolvedValueOnce({ confirm: true, cancel: false });
    tap('回到首页');
    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' }));
  });

  it('goes home at once when 在这台手机上记住 keeps the code and secret', async () => {
    reportReceipt.show(ANSWER);
    const { container } = render(<DonePage />);
    await screen.findByText('查询码');
    fireEvent.click(container.querySelector('.hh-report-remember')!);
    tap('回到首页');
    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' }));
    expect(Taro.showModal).not.toHaveBeenCalled();
  });

  it('keeps the receipt through a reload and closing the app, until the reporter says it is saved', async () => {
    reportReceipt.show(ANSWER);
    const { unmount } = render(<DonePage />);
    await screen.findByText('查询码');
    unmount();
    expect(Taro.getStorageSync(REMEMBERED_KEY)).toBe(''); // not "remembered" for the status page
    expect(Taro.getStorageSync(RECEIPT_KEY)).toEqual([expect.objectContaining({ trackingCode: 'K7QH-M3XP-9R', secret: 'ABCD-EFGH' })]);

    // The app starts again: a fresh store reads the receipt back, and the page shows it, never "nothing submitted".
    const fresh = new ReportReceiptStore();
    fresh.load();
    expect(fresh.answers).toEqual([expect.objectContaining({ trackingCode: 'K7QH-M3XP-9R' })]);
    runInAction(() => { reportReceipt.answers = []; (reportReceipt as any).loaded = false; });
    const again = render(<DonePage />);
    const groups = Array.from(again.container.querySelectorAll('.done-secret__group')).map((g) => g.textContent);
    expect(groups).toEqual(['K7QH', 'M3XP', '9R', 'ABCD', 'EFGH']);

    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: true, cancel: false });
    tap('我已经记下来了');
    await waitFor(() => expect(Taro.getStorageSync(RECEIPT_KEY)).toBe(''));
    await waitFor(() => expect(again.container.querySelector('.done-secret__group')).toBeNull());
    expect(again.container.textContent).not.toContain('还没有提交举报');
  });

  it('asks before 我已经记下来了 erases the code and secret: 再看一下 keeps them, 抄好了 erases them', async () => {
    reportReceipt.show(ANSWER);
    const { container } = render(<DonePage />);
    await screen.findByText('查询码');
    const modal = Taro.showModal as jest.Mock;

    modal.mockResolvedValueOnce({ confirm: false, cancel: true });
    tap('我已经记下来了');
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1));
    const asked = modal.mock.calls[0][0];
    expect(asked.title).toBe('查询码抄好了吗？');
    expect(asked.content).toContain('谁都不能再给你看，护航也不能');
    expect([asked.confirmText, asked.cancelText]).toEqual(['抄好了', '再看一下']);
    // WeChat shows no modal at all when a button's words are over 4 characters
    for (const words of [asked.confirmText, asked.cancelText]) expect([...words].length).toBeLessThanOrEqual(4);
    await new Promise((resolve) => setTimeout(resolve, 0));
    // 再看一下: still on screen and still kept on the phone
    expect(Array.from(container.querySelectorAll('.done-secret__group')).map((g) => g.textContent)).toEqual(['K7QH', 'M3XP', '9R', 'ABCD', 'EFGH']);
    expect(Taro.getStorageSync(RECEIPT_KEY)).toEqual([expect.objectContaining({ trackingCode: 'K7QH-M3XP-9R' })]);

    modal.mockResolvedValueOnce({ confirm: true, cancel: false });
    tap('我已经记下来了');
    await waitFor(() => expect(container.querySelector('.done-secret__group')).toBeNull());
    expect(Taro.getStorageSync(RECEIPT_KEY)).toBe('');
    expect(Taro.switchTab).not.toHaveBeenCalled();
  });

  it('我已经记下来了 erases without asking when 在这台手机上记住 keeps the code and secret', async () => {
    reportReceipt.show(ANSWER);
    const { container } = render(<DonePage />);
    await screen.findByText('查询码');
    fireEvent.click(container.querySelector('.hh-report-remember')!);
    tap('我已经记下来了');
    await waitFor(() => expect(container.querySelector('.done-secret__group')).toBeNull());
    expect(Taro.showModal).not.toHaveBeenCalled();
    expect(Taro.getStorageSync(REMEMBERED_KEY)).toEqual([expect.objectContaining({ trackingCode: 'K7QH-M3XP-9R' })]);
  });

  it('记好了 on leaving forgets the receipt from the phone', async () => {
    reportReceipt.show(ANSWER);
    render(<DonePage />);
    await screen.findByText('查询码');
    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: true, cancel: false });
    tap('回到首页');
    await waitFor(() => expect(Taro.switchTab).toHaveBeenCalled());
    expect(Taro.getStorageSync(RECEIPT_KEY)).toBe('');
  });

  it('remembers code + secret when ticked, and forgets them when unticked', async () => {
    reportReceipt.show(ANSWER);
    const { container } = render(<DonePage />);
    const box = container.querySelector('.hh-report-remember')!;

    fireEvent.click(box);
    expect(Taro.getStorageSync(REMEMBERED_KEY)).toEqual([expect.objectContaining({ trackingCode: 'K7QH-M3XP-9R', secret: 'ABCD-EFGH' })]);
    await waitFor(() => expect(container.querySelector('.done-remember--on')).toBeTruthy());

    fireEvent.click(box);
    expect(Taro.getStorageSync(REMEMBERED_KEY)).toBe('');
  });

  it('hands the code and secret to the status page in memory, not in the URL', () => {
    reportReceipt.show(ANSWER);
    render(<DonePage />);
    tap('查看处理进度');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageReport/pages/status/index' });
    expect(reportLookup.pending).toEqual({ trackingCode: 'K7QH-M3XP-9R', secret: 'ABCD-EFGH' });
  });

  it('says a report is waiting for the network when one is queued', () => {
    reportQueue.enqueue('queued-request-id-0001', { category: 'other', description: '学校门口的小卖部卖过期零食。', countyId: 'simao' });
    const { container } = render(<DonePage />);
    expect(container.textContent).toContain('等待网络，恢复后自动发送');
    expect(container.textContent).not.toContain('还没有提交举报');
  });

  it('explains itself when there is nothing to show, without claiming nothing was submitted', () => {
    const { container } = render(<DonePage />);
    expect(container.textContent).not.toContain('还没有提交举报');
    expect(container.textContent).toContain('这里没有要显示的查询码');
    tap('查询举报进度');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageReport/pages/status/index' });
    tap('我要举报');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageReport/pages/submit/index' });
  });
});
