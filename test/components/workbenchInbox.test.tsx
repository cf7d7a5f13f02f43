/**
 * The staff workbench: the inbox marks what is overdue and filters by state;
 * a case shows what was reported and offers only the actions the server
 * allows, each sent as one write, after which the case is read again.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { runInAction } from 'mobx';
import Taro from '@tarojs/taro';
import type { RoleBinding } from '../../src/domain/roles';
import CasePage, { FLAGGED_NOTE } from '../../src/packageWork/pages/case/index';
import InboxPage from '../../src/packageWork/pages/inbox/index';
import * as auth from '../../src/services/auth';
import { getCase, listCases, runCaseAction, type CaseFullView, type CaseListItem } from '../../src/services/cases';
import { catalogStore } from '../../src/stores/catalog';
import { sessionStore } from '../../src/stores/session';
import { router } from './taroShim';
import { tap, tapClass, typeInto } from './reportFixtures';

jest.mock('../../src/services/cases', () => ({
  ...jest.requireActual('../../src/services/cases'),
  listCases: jest.fn(),
  getCase: jest.fn(),
  runCaseAction: jest.fn(),
  getCaseStats: jest.fn(),
}));
jest.mock('../../src/services/auth', () => ({ me: jest.fn(), redeem: jest.fn(), signOut: jest.fn(), canSignOut: false }));
jest.mock('../../src/services/catalog', () => ({
  getCatalog: jest.fn(async () => jest.requireActual('./reportFixtures').catalogAnswer()),
}));

const listMock = listCases as jest.MockedFunction<typeof listCases>;
const getMock = getCase as jest.MockedFunction<typeof getCase>;
const actionMock = runCaseAction as jest.MockedFunction<typeof runCaseAction>;
const meMock = auth.me as jest.MockedFunction<typeof auth.me>;

const HOUR = 3600 * 1000;
const CASE_ID = 'c' + 'a'.repeat(31);

const item = (over: Partial<CaseListItem>): CaseListItem => ({
  id: CASE_ID,
  caseNumber: '20261128-3F9A2C',
  channel: 'anonymous',
  category: 'bullying',
  categoryName: '欺凌、校园暴力',
  priority: 'P2',
  status: 'new',
  statusName: '等待接手',
  dueAt: Date.now() + 5 * HOUR,
  overdue: false,
  escalationLevel: 0,
  createdAt: Date.now() - HOUR,
  jurisdiction: 'simao',
  jurisdictionName: '思茅区',
  schoolName: '思茅第一中学',
  lead: true,
  ...over,
});

const fullCase = (over: Partial<CaseFullView> = {}): CaseFullView => ({
  view: 'full',
  id: CASE_ID,
  caseNumber: '20261128-3F9A2C',
  channel: 'anonymous',
  channelName: '匿名举报',
  category: 'bullying',
  categoryName: '欺凌、校园暴力',
  priority: 'P2',
  priorityName: '较急',
  status: 'new',
  statusName: '等待接手',
  description: '有几个高年级的同学天天在厕所门口堵我，抢我的零花钱。',
  place: '二楼厕所',
  occurredAt: null,
  relation: 'victim',
  relationName: '当事人本人',
  flags: [{ flag: 'extortion', name: '勒索钱物' }],
  waterType: null,
  waterTypeName: null,
  school: { id: 'sch-simao-1', name: '思茅第一中学' },
  jurisdiction: 'simao',
  jurisdictionName: '思茅区',
  photos: [{ id: 'f1', url: '/files/f1?sig=x&exp=1' }],
  textCheck: 'passed',
  lead: [{ key: 'simao.edu', name: '思茅区教育体育局' }],
  informed: [{ key: 'simao.police', name: '普洱市公安局思茅分局' }],
  createdAt: Date.now() - HOUR,
  ackDueAt: Date.now() + 5 * HOUR,
  resolveDueAt: Date.now() + 100 * HOUR,
  dueAt: Date.now() + 5 * HOUR,
  overdue: false,
  acknowledgedAt: null,
  resolvedAt: null,
  disposition: null,
  dispositionName: null,
  summary: null,
  escalationLevel: 0,
  escalationName: '未升级',
  reporter: null,
  timeline: [{ at: Date.now() - HOUR, kind: 'submitted', text: '通过匿名渠道提交，已分派给：思茅区教育体育局' }],
  notes: [],
  messages: [],
  myRole: 'lead',
  allowedActions: ['acknowledge', 'note', 'transfer'],
  ...over,
});

const signedInAs = (roles: RoleBinding[]) => {
  meMock.mockResolvedValue({ userId: 'u1', roles });
  runInAction(() => Object.assign(sessionStore, { roles: [], loaded: false, loading: false, error: null }));
};
const HANDLER: RoleBinding = { role: 'handler', deptId: 'simao.edu', jurisdiction: 'simao', displayName: '李老师' };

beforeEach(() => {
  jest.clearAllMocks();
  runInAction(() => {
    catalogStore.catalog = null;
  });
  router.params = {};
});

describe('工作台 inbox', () => {
  it('tells someone without a workbench role what the page is for and where to go', async () => {
    signedInAs([{ role: 'student', schoolId: 'sch-simao-1', classId: 'cls', studentId: 's1' }]);
    listMock.mockRejectedValue(Object.assign(new Error('forbidden'), { code: 'FORBIDDEN' }));
    render(<InboxPage />);
    expect(await screen.findByText('工作台是给处理举报的老师和部门用的')).toBeTruthy();
    fireEvent.click(screen.getByText('去「我的」输入邀请码'));
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: expect.stringContaining('pages/me/index') });
    expect(screen.queryByText('重新加载')).toBeNull();
  });

  it('lists cases with priority, state and due time, and marks the overdue ones', async () => {
    signedInAs([HANDLER]);
    listMock.mockResolvedValue({
      items: [
        item({ id: 'c' + '1'.repeat(31), priority: 'P1', category: 'sexual_abuse', categoryName: '性侵、猥亵', overdue: true, dueAt: Date.now() - 2 * HOUR, escalationLevel: 1 }),
        item({ id: 'c' + '2'.repeat(31) }),
      ],
    });
    const { container } = render(<InboxPage />);
    expect(await screen.findByText('性侵、猥亵')).toBeTruthy();

    const rows = Array.from(container.querySelectorAll('.hh-inbox-item'));
    expect(rows).toHaveLength(2);
    expect(rows[0].classList.contains('hh-inbox-item--overdue')).toBe(true);
    expect(rows[0].textContent).toContain('P1 紧急');
    expect(rows[0].textContent).toContain('已超时');
    expect(rows[0].textContent).toContain('已超时2小时，请尽快受理');
    expect(rows[0].textContent).toContain('县（区）平安办督办');
    expect(rows[1].classList.contains('hh-inbox-item--overdue')).toBe(false);
    expect(rows[1].textContent).not.toContain('已超时');
    expect(rows[1].textContent).toContain('P2 较急');
    expect(rows[1].textContent).toMatch(/[45]小时内要受理/);

    fireEvent.click(rows[1]);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packageWork/pages/case/index?id=${'c' + '2'.repeat(31)}` });
  });

  it('marks cases where the reporter wrote since I last looked, and cases my unit only co-handles', async () => {
    signedInAs([HANDLER]);
    listMock.mockResolvedValue({ items: [item({ id: 'c' + '1'.repeat(31), unread: true }), item({ id: 'c' + '2'.repeat(31), lead: false, informed: true })] });
    const { container } = render(<InboxPage />);
    await waitFor(() => expect(container.querySelectorAll('.hh-inbox-item')).toHaveLength(2));
    const rows = Array.from(container.querySelectorAll('.hh-inbox-item'));
    expect(rows[0].textContent).toContain('新留言');
    expect(rows[1].textContent).not.toContain('新留言');
    expect(rows[1].textContent).toContain('协办/知悉');
    expect(rows[0].textContent).toContain('案件号 20261128-3F9A2C');
  });

  it('filters by state and by 只看超时, asking the server', async () => {
    signedInAs([HANDLER]);
    listMock.mockResolvedValue({ items: [] });
    const { container } = render(<InboxPage />);
    expect(await screen.findByText('这里是空的')).toBeTruthy();
    expect(listMock).toHaveBeenLastCalledWith({});

    tapClass(container, 'hh-inbox-filter--new');
    await waitFor(() => expect(listMock).toHaveBeenLastCalledWith({ status: 'new' }));
    expect(await screen.findByText('没有等待受理的举报。')).toBeTruthy();

    tapClass(container, 'hh-inbox-overdue');
    await waitFor(() => expect(listMock).toHaveBeenLastCalledWith({ status: 'new', overdueOnly: true }));
    expect(await screen.findByText('没有超时的举报')).toBeTruthy();
  });

  it('gives coordinators the statistics and staff the 强制报告 entry', async () => {
    signedInAs([{ role: 'coordinator', jurisdiction: 'simao', displayName: '王主任' }]);
    listMock.mockResolvedValue({ items: [] });
    render(<InboxPage />);
    expect(await screen.findByText('统计')).toBeTruthy();
    expect(screen.getByText('提交强制报告')).toBeTruthy();
    tap('统计');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageWork/pages/stats/index' });
  });

  it('does not offer statistics to a department handler', async () => {
    signedInAs([HANDLER]);
    listMock.mockResolvedValue({ items: [] });
    render(<InboxPage />);
    expect(await screen.findByText('提交强制报告')).toBeTruthy();
    expect(screen.queryByText('统计')).toBeNull();
  });

  it('offers 强制报告 in the plain style, with one line saying what it is for (a red bar looked like an alarm)', async () => {
    signedInAs([HANDLER]);
    listMock.mockResolvedValue({ items: [] });
    const { container } = render(<InboxPage />);
    await screen.findByText('提交强制报告');
    const button = container.querySelector('.hh-work-mandatory')!;
    expect(button.className).toContain('hh-button--secondary');
    expect(button.className).not.toContain('hh-button--danger');
    expect(button.closest('.inbox-mandatory')!.textContent).toContain('发现孩子可能受到侵害，依法要实名报告时用');
    tap('提交强制报告');
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageWork/pages/mandatory/index' });
  });

  it('says what went wrong and offers to reload', async () => {
    signedInAs([HANDLER]);
    const { ApiError } = jest.requireActual('../../src/services/errors');
    listMock.mockRejectedValue(new ApiError('NETWORK'));
    render(<InboxPage />);
    expect(await screen.findByText(/网络连接不上/)).toBeTruthy();
    expect(screen.getByText('重新加载')).toBeTruthy();
  });
});

describe('举报详情 (case page)', () => {
  beforeEach(() => {
    router.params = { id: CASE_ID };
  });

  it('shows the report and only the actions the server allows', async () => {
    getMock.mockResolvedValue(fullCase());
    const { container } = render(<CasePage />);
    expect(await screen.findByText('有几个高年级的同学天天在厕所门口堵我，抢我的零花钱。')).toBeTruthy();
    expect(getMock).toHaveBeenCalledWith(CASE_ID);
    const text = container.textContent ?? '';
    expect(text).toContain('思茅区 · 思茅第一中学 · 二楼厕所');
    expect(text).toContain('勒索钱物');
    expect(text).toContain('普洱市公安局思茅分局');
    expect(text).not.toContain(FLAGGED_NOTE);

    expect(container.querySelector('.hh-case-ack')).toBeTruthy();
    expect(container.querySelector('.hh-case-note')).toBeTruthy();
    expect(container.querySelector('.hh-case-transfer')).toBeTruthy();
    expect(container.querySelector('.hh-case-reply')).toBeNull();
    expect(container.querySelector('.hh-case-resolve')).toBeNull();
    expect(container.querySelector('.hh-case-reopen')).toBeNull();

    fireEvent.click(container.querySelector('.hh-case-photo')!);
    expect(Taro.previewImage).toHaveBeenCalledWith({ urls: ['/files/f1?sig=x&exp=1'], current: '/files/f1?sig=x&exp=1' });
  });

  it('shows when it happened only as precisely as the reporter said it', async () => {
    const reported = Date.parse('2026-11-28T10:00:00+08:00');
    const whenField = (container: HTMLElement) =>
      Array.from(container.querySelectorAll('.case-field')).find((f) => f.textContent?.startsWith('发生时间'))?.querySelector('.case-field__value')?.textContent;
    const shown = async (over: Partial<CaseFullView>) => {
      getMock.mockResolvedValueOnce(fullCase({ createdAt: reported, ...over }));
      const { container, unmount } = render(<CasePage />);
      await screen.findByText('有几个高年级的同学天天在厕所门口堵我，抢我的零花钱。');
      const text = whenField(container);
      unmount();
      return text;
    };
    const noon24 = Date.parse('2026-11-24T12:00:00+08:00');
    expect(await shown({ occurredAt: noon24, occurredPrecision: 'days' })).toBe('最近几天（11月24日前后，报告时的说法是“这几天”）');
    expect(await shown({ occurredAt: noon24, occurredPrecision: 'day' })).toBe('11月24日（具体时间不清楚）');
    expect(await shown({ occurredAt: Date.parse('2026-11-26T14:30:00+08:00'), occurredPrecision: 'exact' })).toBe('2026年11月26日 14:30');
    expect(await shown({ occurredAt: null, occurredPrecision: null })).toBe('没有说时间');
    // a case from before the precision was recorded
    expect(await shown({ occurredAt: noon24 })).toBe('2026年11月24日 12:00（可能只是大概的时间）');
  });

  it('受理 sends case.acknowledge once and shows the case as the server now has it', async () => {
    getMock.mockResolvedValueOnce(fullCase());
    const { container } = render(<CasePage />);
    await screen.findByText('受理');

    actionMock.mockResolvedValue({ id: CASE_ID, status: 'acknowledged' });
    getMock.mockResolvedValueOnce(fullCase({ status: 'acknowledged', statusName: '正在处理', allowedActions: ['reply', 'note', 'transfer', 'resolve'] }));
    tap('受理');

    expect(await screen.findByText('已受理，请尽快核实处理')).toBeTruthy();
    expect(actionMock).toHaveBeenCalledTimes(1);
    expect(actionMock.mock.calls[0][0]).toBe('acknowledge');
    expect(actionMock.mock.calls[0][1]).toEqual({ id: CASE_ID });
    expect(actionMock.mock.calls[0][2]?.requestId).toMatch(/^[A-Za-z0-9_-]{16,32}$/);
    expect(getMock).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(container.querySelector('.hh-case-reply')).toBeTruthy());
    expect(container.querySelector('.hh-case-ack')).toBeNull();
  });

  it('says how a conversation starts only before 受理: after it, 回复举报人 is there to use', async () => {
    getMock.mockResolvedValueOnce(fullCase());
    const { container } = render(<CasePage />);
    await screen.findByText('受理');
    expect(container.textContent).toContain('还没有对话。受理后可以用“回复举报人”向举报人了解情况。');

    actionMock.mockResolvedValue({ id: CASE_ID, status: 'acknowledged' });
    getMock.mockResolvedValueOnce(fullCase({ status: 'acknowledged', statusName: '正在处理', allowedActions: ['reply', 'note', 'transfer', 'resolve'] }));
    tap('受理');
    await waitFor(() => expect(container.querySelector('.hh-case-reply')).toBeTruthy());
    expect(container.textContent).toContain('还没有对话。');
    expect(container.textContent).not.toContain('受理后');
  });

  it('tells a 协办 unit who starts the conversation, until the lead unit has taken the case on', async () => {
    getMock.mockResolvedValueOnce(fullCase({ myRole: 'informed', allowedActions: ['note'] }));
    const first = render(<CasePage />);
    await screen.findByText('与举报人的对话');
    expect(first.container.textContent).toContain('牵头单位受理后，会用“回复举报人”向举报人了解情况。');
    first.unmount();

    getMock.mockResolvedValueOnce(fullCase({ myRole: 'informed', status: 'acknowledged', statusName: '正在处理', allowedActions: ['note'] }));
    const { container } = render(<CasePage />);
    await screen.findByText('与举报人的对话');
    expect(container.textContent).not.toContain('牵头单位受理后');
  });

  it('回复举报人 sends the text with case.reply and keeps its request id across a retry', async () => {
    getMock.mockResolvedValue(fullCase({ status: 'acknowledged', statusName: '正在处理', allowedActions: ['reply', 'note', 'resolve'] }));
    const { container } = render(<CasePage />);
    await screen.findByText('回复举报人');
    tap('回复举报人');
    tap('发送给举报人');
    expect(await screen.findByText('请先写下回复。')).toBeTruthy();
    expect(actionMock).not.toHaveBeenCalled();

    const { ApiError } = jest.requireActual('../../src/services/errors');
    actionMock.mockRejectedValueOnce(new ApiError('RATE_LIMITED', '操作太频繁了，请稍后再试。')).mockResolvedValueOnce({ id: CASE_ID, at: 1 });
    await typeInto(container, 'hh-case-reply-text', '我们已经收到，请问一般是什么时候发生？');
    tap('发送给举报人');
    expect(await screen.findByText('操作太频繁了，请稍后再试。')).toBeTruthy();
    tap('发送给举报人');
    expect(await screen.findByText('已回复举报人')).toBeTruthy();
    expect(actionMock.mock.calls.map((c) => c[0])).toEqual(['reply', 'reply']);
    expect(actionMock.mock.calls[0][1]).toEqual({ id: CASE_ID, text: '我们已经收到，请问一般是什么时候发生？' });
    expect(actionMock.mock.calls[1][2]?.requestId).toBe(actionMock.mock.calls[0][2]?.requestId);
  });

  it('keeps a half-written reply while another action is open, and shows its failed send by its own button', async () => {
    getMock.mockResolvedValue(fullCase({ status: 'acknowledged', statusName: '正在处理', allowedActions: ['reply', 'note', 'resolve'] }));
    const { container } = render(<CasePage />);
    await screen.findByText('回复举报人');
    tap('回复举报人');
    const text = '我们已经收到，请问是哪一天发生的？';
    await typeInto(container, 'hh-case-reply-text', text);

    // Opening 内部备注 by mistake, then coming back: the reply is still there.
    tap('内部备注');
    await waitFor(() => expect(container.querySelector('.hh-case-reply-text')).toBeNull());
    tap('回复举报人');
    await waitFor(() => expect((container.querySelector('.hh-case-reply-text') as HTMLTextAreaElement | null)?.value).toBe(text));

    const { ApiError, NETWORK_MESSAGE } = jest.requireActual('../../src/services/errors');
    actionMock.mockRejectedValueOnce(new ApiError('NETWORK'));
    tap('发送给举报人');
    const notice = await screen.findByText(NETWORK_MESSAGE);
    // Once, and between the text and the button that sent it (not a screen away at the top of the card).
    expect(screen.getAllByText(NETWORK_MESSAGE)).toHaveLength(1);
    const send = screen.getByText('发送给举报人', { selector: '.at-button__text' });
    const field = container.querySelector('.hh-case-reply-text')!;
    expect(field.compareDocumentPosition(notice) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(notice.compareDocumentPosition(send) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    // Another action does not carry the reply's failure; the reply keeps its text and its failure.
    tap('办结');
    await waitFor(() => expect(screen.queryByText(NETWORK_MESSAGE)).toBeNull());
    tap('回复举报人');
    expect(await screen.findByText(NETWORK_MESSAGE)).toBeTruthy();
    expect((container.querySelector('.hh-case-reply-text') as HTMLTextAreaElement).value).toBe(text);
  });

  it('办结 asks for a disposition and a summary', async () => {
    getMock.mockResolvedValue(fullCase({ status: 'acknowledged', statusName: '正在处理', allowedActions: ['resolve'] }));
    const { container } = render(<CasePage />);
    await screen.findByText('办结');
    tap('办结');
    tap('确认办结');
    expect(await screen.findByText('请选择处理结果。')).toBeTruthy();
    tapClass(container, 'hh-case-disposition--substantiated');
    await typeInto(container, 'hh-case-resolve-summary', '已约谈涉事学生和家长，学校加强巡查。');
    actionMock.mockResolvedValue({});
    tap('确认办结');
    await waitFor(() => expect(actionMock).toHaveBeenCalledTimes(1));
    expect(actionMock.mock.calls[0].slice(0, 2)).toEqual(['resolve', { id: CASE_ID, disposition: 'substantiated', summary: '已约谈涉事学生和家长，学校加强巡查。' }]);
  });

  it('转办 picks a department of the area (never a 平安办 or a current lead)', async () => {
    getMock.mockResolvedValue(fullCase());
    const { container } = render(<CasePage />);
    await screen.findByText('转办');
    tap('转办');
    await waitFor(() => expect(container.querySelector('.hh-case-transfer-dept--simao\\.police')).toBeTruthy());
    expect(container.querySelector('.hh-case-transfer-dept--simao\\.edu')).toBeNull(); // already leads
    expect(container.querySelector('.hh-case-transfer-dept--simao\\.peace_office')).toBeNull();
    tapClass(container, 'hh-case-transfer-dept--simao\\.police');
    await typeInto(container, 'hh-case-transfer-reason', '涉及勒索，请公安机关处理。');
    actionMock.mockResolvedValue({});
    tap('确认转办');
    await waitFor(() => expect(actionMock).toHaveBeenCalledTimes(1));
    expect(actionMock.mock.calls[0].slice(0, 2)).toEqual(['transfer', { id: CASE_ID, toDeptId: 'simao.police', reason: '涉及勒索，请公安机关处理。' }]);
  });

  it('notes a flagged text without refusing it, and shows the named reporter of a 强制报告', async () => {
    getMock.mockResolvedValue(fullCase({
      textCheck: 'flagged',
      channel: 'mandatory',
      channelName: '强制报告（实名）',
      reporter: {
        displayName: '张老师', role: 'class_teacher', roleName: '班主任',
        schoolId: 'sch-simao-1', schoolName: '思茅第一中学', deptId: null, deptName: null,
      },
    }));
    const { container } = render(<CasePage />);
    expect(await screen.findByText(FLAGGED_NOTE)).toBeTruthy();
    expect(container.textContent).toContain('内容安全检测提示可能含敏感词，请人工核实，不影响受理');
    const reporter = container.querySelector('.case-reporter');
    expect(reporter?.textContent).toContain('张老师');
    expect(reporter?.textContent).toContain('班主任');
  });

  it('回复举报人 brings the reply box into view and focuses it (it opens below the buttons, off screen)', async () => {
    signedInAs([HANDLER]);
    router.params = { id: CASE_ID };
    getMock.mockResolvedValue(fullCase({ status: 'acknowledged', allowedActions: ['reply', 'note', 'transfer', 'resolve'] }));
    const { container } = render(<CasePage />);
    await waitFor(() => expect(container.querySelector('.hh-case-reply')).toBeTruthy());
    (Taro.pageScrollTo as jest.Mock).mockClear();
    tapClass(container, 'hh-case-reply');
    await waitFor(() => expect(Taro.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '.hh-case-reply-form' })));
    const box = container.querySelector('.hh-case-reply-text')!;
    expect(box.getAttribute('focus')).toBe('true');
  });

  it('marks the reporter\'s messages written since I last opened the case', async () => {
    signedInAs([HANDLER]);
    router.params = { id: CASE_ID };
    getMock.mockResolvedValue(fullCase({
      messages: [
        { from: 'reporter', text: '上周也发生过一次。', at: Date.now() - 2 * HOUR },
        { from: 'reporter', text: '他们今天又在楼梯口堵我了。', at: Date.now() - 60_000, unread: true },
      ],
    }));
    const { container } = render(<CasePage />);
    await waitFor(() => expect(container.querySelectorAll('.case-bubble--reporter')).toHaveLength(2));
    const bubbles = Array.from(container.querySelectorAll('.case-bubble--reporter'));
    expect(bubbles[0].textContent).not.toContain('新留言');
    expect(bubbles[1].textContent).toContain('新留言');
  });

  it('shows no action at all when the server allows none', async () => {
    getMock.mockResolvedValue(fullCase({ myRole: 'informed', allowedActions: [] }));
    const { container } = render(<CasePage />);
    expect(await screen.findByText(/协办单位/)).toBeTruthy();
    for (const c of ['hh-case-ack', 'hh-case-reply', 'hh-case-note', 'hh-case-transfer', 'hh-case-resolve', 'hh-case-reopen']) {
      expect(container.querySelector(`.${c}`)).toBeNull();
    }
  });

  it('explains a case it may not open', async () => {
    const { ApiError } = jest.requireActual('../../src/services/errors');
    getMock.mockRejectedValue(new ApiError('FORBIDDEN', '这个案件不归您所在的单位处理，您不能查看。'));
    render(<CasePage />);
    expect(await screen.findByText('这个案件不归您所在的单位处理，您不能查看。')).toBeTruthy();
    expect(screen.getByText('回到工作台')).toBeTruthy();
  });
});
