import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { runInAction } from 'mobx';
import Taro from '@tarojs/taro';
import type { RoleBinding } from '../../src/domain/roles';
import HomePage from '../../src/pages/index/index';
import * as auth from '../../src/services/auth';
import { getHomeSummary } from '../../src/services/home';
import { sessionStore } from '../../src/stores/session';

jest.mock('../../src/services/auth', () => ({
  me: jest.fn(),
  redeem: jest.fn(),
  signOut: jest.fn(),
  canSignOut: false,
}));
jest.mock('../../src/services/home', () => ({
  getHomeSummary: jest.fn(async () => ({
    cases: { open: 3, overdue: 1, escalated: 0, newest: [] },
  })),
}));
jest.mock('../../src/services/catalog', () => ({
  getCatalog: jest.fn(async () => ({ cityName: '普洱市', counties: [], schools: [], departments: [], classes: [], categories: [] })),
}));

const me = auth.me as jest.MockedFunction<typeof auth.me>;
const withRoles = (roles: RoleBinding[]) => me.mockResolvedValue({ userId: 'u1', roles });

describe('首页', () => {
  beforeEach(() => {
    jest.clearAllMocks();
    // Each test is a fresh app start: nothing loaded yet.
    runInAction(() => Object.assign(sessionStore, { roles: [], loaded: false, loading: false, error: null }));
  });

  it('welcomes someone with no role: how to bind with a code, and a big 我要举报', async () => {
    withRoles([]);
    const { container } = render(<HomePage />);
    expect(await screen.findByText('欢迎使用护航')).toBeTruthy();
    expect(container.textContent).toContain('邀请码');
    expect(container.textContent).not.toContain('工作台');
    fireEvent.click(screen.getByText('我要举报'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageReport/pages/submit/index' });
  });

  it('gives a department handler the workbench entry instead of the welcome', async () => {
    withRoles([{ role: 'handler', deptId: 'simao.police', jurisdiction: 'simao' }]);
    const { container } = render(<HomePage />);
    expect(await screen.findByText('工作台')).toBeTruthy();
    expect(container.textContent).not.toContain('欢迎使用护航');
    // what is due now, from home.summary
    expect(await screen.findByText('待处理 3 件，其中 1 件已超时，请尽快处理。')).toBeTruthy();
    fireEvent.click(screen.getByText('打开工作台'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageWork/pages/inbox/index' });
  });

  it('counts the reporters\' new messages on the workbench card, and cases only co-handled (协办/知悉) apart', async () => {
    (getHomeSummary as jest.Mock).mockResolvedValueOnce({ cases: { open: 1, overdue: 0, escalated: 0, informed: 2, unread: 1, newest: [] } });
    withRoles([{ role: 'handler', deptId: 'simao.police', jurisdiction: 'simao' }]);
    const { container } = render(<HomePage />);
    await waitFor(() => expect(container.textContent).toContain('1 件有举报人的新留言'));
    expect(container.textContent).toContain('待处理 1 件。');
    expect(container.textContent).toContain('协办/知悉 2 件');
  });

  it('tells a coordinator how many cases wait for them to oversee (督办), never a claim about the whole area', async () => {
    (getHomeSummary as jest.Mock).mockResolvedValueOnce({ cases: { open: 2, overdue: 1, escalated: 1, informed: 0, unread: 0, newest: [] } });
    withRoles([{ role: 'coordinator', jurisdiction: 'simao' }]);
    const { container } = render(<HomePage />);
    await waitFor(() => expect(container.textContent).toContain('有 2 件举报需要您督办，其中 1 件已超时。'));
    expect(container.textContent).toContain('需要您督办的举报');
    expect(container.textContent).not.toContain('交给您处理的举报');
    expect(container.textContent).not.toContain('现在没有待处理的举报');
    expect(container.textContent).not.toContain('辖区');
  });

  it('tells a coordinator with nothing overdue or escalated that nothing waits for them, not that the area has no open report', async () => {
    // home.summary counts what case.list gives a coordinator: the area's overdue or escalated cases only;
    // a case a department is handling in time is not among them.
    (getHomeSummary as jest.Mock).mockResolvedValueOnce({ cases: { open: 0, overdue: 0, escalated: 0, informed: 0, unread: 0, newest: [] } });
    withRoles([{ role: 'coordinator', jurisdiction: 'simao' }]);
    const { container } = render(<HomePage />);
    await waitFor(() => expect(container.textContent).toContain('现在没有需要您督办的举报。'));
    expect(container.textContent).toContain('有举报超时或者升级到平安办时，会显示在这里');
    expect(container.textContent).not.toContain('辖区');
    expect(container.textContent).not.toContain('没有未办结');
    fireEvent.click(screen.getByText('打开工作台'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageWork/pages/inbox/index' });
  });

  it('gives a class teacher no card of reports to handle, but the way to file a 强制报告 and follow those filed', async () => {
    // case.list lets a class teacher follow the 强制报告 they filed (here one, still open); routing gives them none
    (getHomeSummary as jest.Mock).mockResolvedValueOnce({ cases: { open: 1, overdue: 0, escalated: 0, informed: 0, unread: 0, newest: [] }, klass: { lessonsToday: 0 } });
    withRoles([{ role: 'class_teacher', schoolId: 'sch-simao-1', classId: 'cls-simao-1-8-2' }]);
    const { container } = render(<HomePage />);
    await waitFor(() => expect(container.textContent).toContain('您提交的强制报告有 1 件还在办理。'));
    expect(container.textContent).toContain('班级工作');
    expect(container.textContent).not.toContain('交给您处理的举报');
    expect(container.textContent).not.toContain('待处理的举报');
    expect(container.textContent).not.toContain('打开工作台');
    fireEvent.click(screen.getByText('提交强制报告'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageWork/pages/mandatory/index' });
    fireEvent.click(screen.getByText('我提交的报告'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageWork/pages/inbox/index' });
  });

  it('keeps the workbench card for a class teacher who also handles reports (a psychology teacher)', async () => {
    withRoles([
      { role: 'class_teacher', schoolId: 'sch-simao-1', classId: 'cls-simao-1-8-2' },
      { role: 'psych_teacher', schoolId: 'sch-simao-1' },
    ]);
    const { container } = render(<HomePage />);
    expect(await screen.findByText('交给您处理的举报')).toBeTruthy();
    expect(container.textContent).not.toContain('提交强制报告'); // the workbench has it
  });

  it('suggests the next unread lesson once today\u2019s topic is done', async () => {
    const { todaysTopic } = jest.requireActual('../../src/domain/lessonSeason') as typeof import('../../src/domain/lessonSeason');
    const { LESSON_TOPICS } = jest.requireActual('../../src/content/lessons/topics') as typeof import('../../src/content/lessons/topics');
    const today = todaysTopic(LESSON_TOPICS, new Date()).topic.id;
    const item = (topic: string, title: string, done?: 'me') => ({ id: `${topic}.junior`, topic, band: 'junior', title, topicTitle: topic, minutes: 4, ...(done ? { done } : {}) });
    Taro.setStorageSync('huhang.lessonList.mine', { bands: ['junior'], items: [item(today, '今天的课', 'me'), item('zz_next', '下一课的标题')] });
    try {
      withRoles([{ role: 'student', schoolId: 's1', classId: 'c1', studentId: 'st1' }]);
      const { container } = render(<HomePage />);
      expect(await screen.findByText('今日安全课')).toBeTruthy();
      expect(container.textContent).toContain('接着学「下一课的标题」');
      fireEvent.click(screen.getByText('去上下一课'));
      expect((Taro.navigateTo as jest.Mock).mock.calls[0][0].url).toContain('id=zz_next.junior');
    } finally {
      Taro.removeStorageSync('huhang.lessonList.mine');
    }
  });

  it('names the lesson finished last on this phone, not today\u2019s topic finished before (walk 18 #15)', async () => {
    const { todaysTopic } = jest.requireActual('../../src/domain/lessonSeason') as typeof import('../../src/domain/lessonSeason');
    const { LESSON_TOPICS } = jest.requireActual('../../src/content/lessons/topics') as typeof import('../../src/content/lessons/topics');
    const today = todaysTopic(LESSON_TOPICS, new Date()).topic.id;
    const item = (topic: string, title: string, done?: 'me') => ({ id: `${topic}.junior`, topic, band: 'junior', title, topicTitle: `${topic}课`, minutes: 4, ...(done ? { done } : {}) });
    Taro.setStorageSync('huhang.lessonList.mine', { bands: ['junior'], items: [item(today, '今天的课', 'me'), item('zz_last', '刚学完的课'), item('zz_next', '下一课的标题')] });
    Taro.setStorageSync('huhang.lessonsDone', [`${today}.junior`, 'zz_last.junior']);
    try {
      withRoles([{ role: 'student', schoolId: 's1', classId: 'c1', studentId: 'st1' }]);
      const { container } = render(<HomePage />);
      expect(await screen.findByText('今日安全课')).toBeTruthy();
      expect(container.textContent).toContain('「zz_last课」你已经学完了。接着学「下一课的标题」');
    } finally {
      Taro.removeStorageSync('huhang.lessonList.mine');
      Taro.removeStorageSync('huhang.lessonsDone');
    }
  });

  it('gives a class teacher today\u2019s counts and the letter\u2019s deadline', async () => {
    (getHomeSummary as jest.Mock).mockResolvedValueOnce({ cases: null, klass: { lessonsToday: 3, holiday: { name: '2026年端午节', signed: 1, eligible: 5, start: '2026-06-19', unbound: 4 } } });
    withRoles([{ role: 'class_teacher', schoolId: 'sch-simao-1', classId: 'cls-simao-1-8-2' }]);
    const { container } = render(<HomePage />);
    await waitFor(() => expect(container.textContent).toContain('今天本班有 3 人次学完安全课'));
    // good news, not in the alarm red of .home__emphasis (walk of 2026-12-07, item 18)
    const count = screen.getByText('今天本班有 3 人次学完安全课。');
    expect(count.className).toContain('home__news');
    expect(count.className).not.toContain('home__emphasis');
    const text = container.textContent!.replace(/\u2060/g, '');
    expect(text).toContain('2026年端午节告家长书：已签 1 / 5 人，6月19日放假前请提醒没签的家长。');
    expect(text).toContain('4 名学生还没有绑定家长');
  });

  it("shows a student today's safety lesson and no workbench", async () => {
    withRoles([{ role: 'student', schoolId: 's1', classId: 'c1', studentId: 'st1' }]);
    const { container } = render(<HomePage />);
    expect(await screen.findByText('今日安全课')).toBeTruthy();
    expect(container.textContent).not.toContain('打开工作台');
    // no screening open for this student: no screening card
    expect(container.textContent).not.toContain('心理测评');
    fireEvent.click(screen.getByText('去上课'));
    expect((Taro.navigateTo as jest.Mock).mock.calls[0][0].url).toMatch(/^\/packageLessons\/pages\/lesson\/index\?id=\w+/);
  });

  it('shows a student the open screening, and opens the questionnaire', async () => {
    withRoles([{ role: 'student', schoolId: 's1', classId: 'c1', studentId: 'st1' }]);
    (getHomeSummary as jest.Mock).mockResolvedValueOnce({ cases: null, screening: { role: 'student', consent: 'given', finished: false, closesOn: '2026-12-19' } });
    render(<HomePage />);
    // the date reads 12月19日 and never breaks across lines (word joiners between its characters)
    await waitFor(() => expect(document.body.textContent).toContain('有一份心理测评等你完成，1\u20602\u2060月\u20601\u20609\u2060日前做完。'));
    expect(document.body.textContent).not.toContain('2026-12-19');
    fireEvent.click(screen.getByText('打开'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageScreening/pages/answer/index' });
  });

  it('asks a guardian for consent from the home page', async () => {
    withRoles([{ role: 'guardian', schoolId: 's1', studentId: 'st1' }]);
    (getHomeSummary as jest.Mock).mockResolvedValueOnce({ cases: null, screening: { role: 'guardian', consent: 'needed', finished: false, closesOn: '2026-12-19' } });
    render(<HomePage />);
    await waitFor(() => expect(document.body.textContent?.replace(/\u2060/g, '')).toContain('学校的心理测评需要您同意，请在12月19日前办理。'));
    fireEvent.click(screen.getByText('打开'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packageScreening/pages/consent/index' });
  });

  it('names a guardian\'s child and class on the home page, as 我的 does', async () => {
    me.mockResolvedValue({ userId: 'u1', roles: [{ role: 'guardian', schoolId: 's1', studentId: 'st1' }], who: ['张建国（父亲） · 孩子：张小明，八年级（1）班'] });
    render(<HomePage />);
    await waitFor(() => expect(document.body.textContent).toContain('孩子：张小明，八年级（1）班'));
  });

  it('tells a guardian waiting for the class teacher that the request is in, instead of asking for a code', async () => {
    me.mockResolvedValue({ userId: 'u1', roles: [], who: [], pendingGuardian: [{ school: '思茅区第四中学', className: '八年级（1）班', since: 0 }] });
    render(<HomePage />);
    await waitFor(() => expect(document.body.textContent).toContain('您已提交绑定申请（思茅区第四中学 八年级（1）班）'));
    expect(document.body.textContent).not.toContain('去输入邀请码');
  });

  it('tells a teacher whose post the school ended that it was ended, and whom to ask (walk 14b #13)', async () => {
    const endedAt = Date.parse('2026-12-06T09:30:00+08:00');
    me.mockResolvedValue({ userId: 'u1', roles: [], who: [], pendingGuardian: [], endedPosts: [{ roleName: '心理健康教师', place: '思茅区第四中学', bySchool: true, endedAt }] });
    render(<HomePage />);
    expect(await screen.findByText('您在思茅区第四中学的心理健康教师岗位已由学校结束（12月6日 09:30）。如有疑问，请联系学校管理员。')).toBeTruthy();
    expect(screen.getByText('欢迎使用护航')).toBeTruthy();
  });

  it('offline, a student whose roles this phone kept still gets today\'s lesson card beside the network message', async () => {
    const { ApiError } = jest.requireActual('../../src/services/errors');
    const { writeStored } = jest.requireActual('../../src/stores/lessonList');
    writeStored('huhang.session.roles', [{ role: 'student', schoolId: 's1', classId: 'c1', studentId: 'st1' }]);
    me.mockRejectedValue(new ApiError('NETWORK'));
    render(<HomePage />);
    expect(await screen.findByText(/网络连接不上/)).toBeTruthy();
    expect(await screen.findByText('今日安全课')).toBeTruthy();
    writeStored('huhang.session.roles', []);
  });

  it('keeps 我要举报 on screen while roles are still loading', () => {
    me.mockReturnValue(new Promise(() => undefined));
    render(<HomePage />);
    expect(screen.getByText('正在加载，请稍候…')).toBeTruthy();
    expect(screen.getByText('我要举报')).toBeTruthy();
  });

  it('says what went wrong, in Chinese, when the roles cannot be loaded', async () => {
    const { ApiError } = jest.requireActual('../../src/services/errors');
    me.mockRejectedValue(new ApiError('NETWORK'));
    render(<HomePage />);
    expect(await screen.findByText(/网络连接不上/)).toBeTruthy();
    expect(screen.getByText('重新加载')).toBeTruthy();
    expect(screen.getByText('我要举报')).toBeTruthy();
  });
});
