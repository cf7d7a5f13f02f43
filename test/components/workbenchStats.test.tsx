/**
 * 统计 for coordinators (counts, bars, medians in plain Chinese), and the
 * staff's named 强制报告 form.
 */
import { render, screen, waitFor } from '@testing-library/react';
import { runInAction } from 'mobx';
import Taro from '@tarojs/taro';
import MandatoryPage from '../../src/packageWork/pages/mandatory/index';
import StatsPage from '../../src/packageWork/pages/stats/index';
import { getBacklog, getCaseStats, listCases, type CaseStatsView } from '../../src/services/cases';
import { submitMandatory } from '../../src/services/report';
import { catalogStore } from '../../src/stores/catalog';
import { humanDuration } from '../../src/stores/workbench';
import { tap, tapClass, typeInto } from './reportFixtures';

jest.mock('../../src/services/cases', () => ({
  ...jest.requireActual('../../src/services/cases'),
  getCaseStats: jest.fn(),
  getBacklog: jest.fn(),
  listCases: jest.fn(),
}));
jest.mock('../../src/services/report', () => ({
  ...jest.requireActual('../../src/services/report'),
  submitMandatory: jest.fn(),
}));
jest.mock('../../src/services/catalog', () => ({
  getCatalog: jest.fn(async () => jest.requireActual('./reportFixtures').catalogAnswer()),
}));
jest.mock('../../src/services/upload', () => ({ choosePhotos: jest.fn(async () => []), uploadPhoto: jest.fn() }));

const statsMock = getCaseStats as jest.MockedFunction<typeof getCaseStats>;
const backlogMock = getBacklog as jest.MockedFunction<typeof getBacklog>;
const listMock = listCases as jest.MockedFunction<typeof listCases>;
const mandatoryMock = submitMandatory as jest.MockedFunction<typeof submitMandatory>;
const MIN = 60 * 1000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const stats = (over: Partial<CaseStatsView> = {}): CaseStatsView => ({
  area: ['simao'],
  areaName: '思茅区',
  from: null,
  to: null,
  total: 7,
  byCategory: [{ category: 'bullying', name: '欺凌、校园暴力', count: 4 }, { category: 'dangerous_water', name: '危险水域', count: 3 }],
  byCounty: [{ jurisdiction: 'simao', name: '思茅区', count: 7 }],
  byMonth: [{ month: '2026-10', count: 2 }, { month: '2026-11', count: 5 }],
  medianMsToAcknowledge: 2 * HOUR + 15 * MIN,
  medianMsToResolve: 3 * DAY + 4 * HOUR + 20 * MIN,
  open: 3,
  overdue: 1,
  escalated: 1,
  ...over,
});

beforeEach(() => {
  jest.clearAllMocks();
  Taro.clearStorageSync(); // no draft of another test's form
  runInAction(() => {
    catalogStore.catalog = null;
  });
});

describe('humanDuration', () => {
  it('says a duration the way people do, with its two largest units', () => {
    expect(humanDuration(30 * 1000)).toBe('不到1分钟');
    expect(humanDuration(45 * MIN)).toBe('45分钟');
    expect(humanDuration(2 * HOUR)).toBe('2小时');
    expect(humanDuration(2 * HOUR + 15 * MIN + 40 * 1000)).toBe('2小时15分');
    expect(humanDuration(3 * DAY)).toBe('3天');
    expect(humanDuration(3 * DAY + 4 * HOUR + 20 * MIN)).toBe('3天4小时');
  });
});

describe('统计', () => {
  it('shows counts, the medians in plain Chinese, and bars by category, county and month', async () => {
    statsMock.mockResolvedValue(stats());
    const { container } = render(<StatsPage />);
    expect(await screen.findByText('思茅区的举报')).toBeTruthy();
    expect(container.querySelector('.hh-stats-ack')?.textContent).toContain('2小时15分');
    expect(container.querySelector('.hh-stats-resolve')?.textContent).toContain('3天4小时');
    const text = container.textContent ?? '';
    expect(text).toContain('未办结');
    expect(text).toContain('危险水域');
    expect(text).toContain('2026年11月');
    // The longest bar is the largest count; the others in proportion.
    const widths = Array.from(container.querySelectorAll('.stats-bar__fill')).slice(0, 2).map((b) => (b as HTMLElement).style.width);
    expect(widths).toEqual(['100%', '75%']);
  });

  it('the numbers open the lists behind them: 未办结 without content, 已超时 and 已升级 as cases to open', async () => {
    statsMock.mockResolvedValue(stats());
    backlogMock.mockResolvedValue({ items: [{
      caseNumber: '20261128-3F9A2C', category: 'bullying', categoryName: '欺凌、校园暴力', priority: 'P2', status: 'new', statusName: '等待接手',
      jurisdictionName: '思茅区', schoolName: '思茅第一中学', createdAt: Date.now() - HOUR, dueAt: Date.now() + HOUR, overdue: false, escalationLevel: 0,
    }] });
    const caseId = 'c' + '9'.repeat(31);
    listMock.mockResolvedValue({ items: [{
      id: caseId, caseNumber: '20261120-ABCDEF', channel: 'anonymous', category: 'online', categoryName: '网络安全', priority: 'P1', status: 'new', statusName: '等待接手',
      dueAt: Date.now() - HOUR, overdue: true, escalationLevel: 1, createdAt: Date.now() - 3 * HOUR, jurisdiction: 'simao', jurisdictionName: '思茅区', lead: false,
    }] });
    const { container } = render(<StatsPage />);
    await screen.findByText('思茅区的举报');

    tapClass(container, 'hh-stats-open');
    await waitFor(() => expect(container.querySelector('.hh-stats-backlog-row')).toBeTruthy());
    expect(container.querySelector('.hh-stats-backlog-row')!.textContent).toContain('思茅第一中学');
    expect(container.textContent).toContain('不含举报内容');

    tapClass(container, 'hh-stats-overdue');
    await waitFor(() => expect(listMock).toHaveBeenLastCalledWith({ overdueOnly: true }));
    await waitFor(() => expect(container.querySelector('.hh-stats-case-row')).toBeTruthy());
    tapClass(container, 'hh-stats-case-row');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packageWork/pages/case/index?id=${caseId}` });

    tapClass(container, 'hh-stats-escalated');
    await waitFor(() => expect(listMock).toHaveBeenLastCalledWith({}));
    expect(await screen.findByText('已升级的举报')).toBeTruthy();
  });

  it('says 暂无数据 when nothing has been acknowledged or resolved yet', async () => {
    statsMock.mockResolvedValue(stats({ medianMsToAcknowledge: null, medianMsToResolve: null }));
    const { container } = render(<StatsPage />);
    await screen.findByText('思茅区的举报');
    expect(container.querySelector('.hh-stats-ack')?.textContent).toContain('暂无数据');
    expect(container.querySelector('.hh-stats-resolve')?.textContent).toContain('暂无数据');
  });

  it('explains an area with no reports yet, and an error with a way to retry', async () => {
    statsMock.mockResolvedValueOnce(stats({ total: 0, byCategory: [], byCounty: [], byMonth: [] }));
    const { unmount } = render(<StatsPage />);
    expect(await screen.findByText('还没有举报')).toBeTruthy();
    unmount();

    const { ApiError } = jest.requireActual('../../src/services/errors');
    statsMock.mockRejectedValueOnce(new ApiError('FORBIDDEN', '您没有权限查看或操作这项内容。'));
    render(<StatsPage />);
    expect(await screen.findByText('您没有权限查看或操作这项内容。')).toBeTruthy();
    expect(screen.getByText('重新加载')).toBeTruthy();
  });
});

describe('强制报告', () => {
  it('says the report is named, sends report.mandatory, and shows the tracking code with a way to follow it', async () => {
    const { container } = render(<MandatoryPage />);
    expect(container.textContent).toContain('强制报告是实名的');
    await screen.findByText('👊 欺凌、校园暴力');

    tap('实名提交强制报告');
    expect((await screen.findAllByText('请先选一类。不确定的话，就选“其他安全问题”。')).length).toBeGreaterThan(0);
    expect(mandatoryMock).not.toHaveBeenCalled();

    tapClass(container, 'hh-report-category--sexual_abuse');
    await typeInto(container, 'hh-report-description', '班上一名女生说补习班老师多次单独留下她并有不当接触。');
    mandatoryMock.mockResolvedValue({ caseId: 'c' + 'b'.repeat(31), caseNumber: '20261128-ABCDEF', priority: 'P1', routedTo: ['思茅区公安局'], dueAt: 1 });
    tap('实名提交强制报告');

    expect(await screen.findByText('强制报告已提交')).toBeTruthy();
    expect(container.textContent).toContain('20261128-ABCDEF');
    expect(mandatoryMock).toHaveBeenCalledTimes(1);
    // No place chosen: the server places it at the filer's own school.
    expect(mandatoryMock.mock.calls[0][0]).toEqual({ category: 'sexual_abuse', description: '班上一名女生说补习班老师多次单独留下她并有不当接触。' });
    expect(mandatoryMock.mock.calls[0][1]?.requestId).toMatch(/^[A-Za-z0-9_-]{16,32}$/);

    tap('查看这份报告');
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/packageWork/pages/case/index?id=${'c' + 'b'.repeat(31)}` }));
  });

  it('speaks to staff, not to a child, and numbers its sections without a gap before a category is picked', async () => {
    const { container } = render(<MandatoryPage />);
    await screen.findByText('👊 欺凌、校园暴力');
    const text = () => container.textContent ?? '';
    expect(text()).not.toContain('欺负你');
    expect(text()).not.toContain('不用写你自己的名字');
    expect(text()).toContain('涉及的学生');
    const titles = () => Array.from(container.querySelectorAll('.hh-card__title, .card__title')).map((t) => t.textContent ?? '').filter((t) => /^\d\./.test(t));
    const numbers = () => titles().map((t) => Number.parseInt(t, 10));
    expect(numbers()).toEqual(numbers().map((_, i) => i + 1));
    expect(titles()[1]).toContain('在哪里');
    tapClass(container, 'hh-report-category--bullying');
    await waitFor(() => expect(titles()[1]).toContain('补充问题'));
    expect(numbers()).toEqual(numbers().map((_, i) => i + 1));
  });

  it('names the question still unanswered (it may be far up the page), and drops the message once it is answered', async () => {
    const { container } = render(<MandatoryPage />);
    await screen.findByText('👊 欺凌、校园暴力');
    tapClass(container, 'hh-report-category--bullying');
    tap('实名提交强制报告');
    expect(await screen.findByText('请往上翻，补上“2. 补充问题”')).toBeTruthy();
    expect(screen.getByText('请回答每个问题。不清楚的话，选“不知道”。')).toBeTruthy();

    for (const f of ['injury-no', 'weapon-no', 'extortion-unknown']) tapClass(container, `hh-report-flag--${f}`);
    await waitFor(() => expect(screen.queryByText(/请往上翻/)).toBeNull());
    expect(screen.queryByText('请回答每个问题。不清楚的话，选“不知道”。')).toBeNull();

    tap('实名提交强制报告');
    expect(await screen.findByText('请往上翻，补上“5. 情况说明”')).toBeTruthy();
    expect(mandatoryMock).not.toHaveBeenCalled();
  });
});
