import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { runInAction } from 'mobx';
import Taro from '@tarojs/taro';
import { router } from './taroShim';
import MePage from '../../src/pages/me/index';
import * as auth from '../../src/services/auth';
import { ApiError } from '../../src/services/errors';
import { sessionStore } from '../../src/stores/session';

jest.mock('../../src/services/auth', () => ({
  me: jest.fn(async () => ({ userId: 'u1', roles: [] })),
  redeem: jest.fn(),
  signOut: jest.fn(async () => undefined),
  canSignOut: true,
}));
jest.mock('../../src/services/catalog', () => ({
  getCatalog: jest.fn(async () => ({
    cityName: '普洱市',
    counties: [{ id: 'simao', name: '思茅区' }],
    schools: [{ id: 's1', name: '思茅第一中学', jurisdiction: 'simao', stage: 'middle' }],
    departments: [],
    classes: [],
    categories: [],
  })),
}));

const redeem = auth.redeem as jest.MockedFunction<typeof auth.redeem>;

/** Types into the invitation-code box the way a user would. */
async function typeCode(container: HTMLElement, code: string) {
  // Taro's Input is a web component that renders its <input> asynchronously.
  const input = await waitFor(() => {
    const el = container.querySelector('input');
    if (!el) throw new Error('no input rendered yet');
    return el;
  });
  fireEvent.input(input, { target: { value: code } });
}

describe('我的: who I am in each role', () => {
  beforeEach(() => {
    jest.clearAllMocks();
    router.params = {};
    runInAction(() => Object.assign(sessionStore, { roles: [], who: [], loaded: false, loading: false, error: null }));
  });

  it('shows the name and class auth.me gives for each role', async () => {
    (auth.me as jest.Mock).mockResolvedValueOnce({ userId: 'u1', roles: [{ role: 'student', schoolId: 's1', studentId: 'st1' }], who: ['张小明，八年级（2）班'] });
    render(<MePage />);
    expect(await screen.findByText('张小明，八年级（2）班')).toBeTruthy();
    expect(screen.getByText('学生')).toBeTruthy();
  });
});

describe('我的: a guardian code waiting for the class teacher', () => {
  const since = Date.parse('2026-12-06T09:30:00+08:00'); // shown in China time
  const waiting = [{ school: '思茅第一中学', className: '八年级（2）班', since }];
  beforeEach(() => {
    jest.clearAllMocks();
    router.params = {};
    Taro.removeStorageSync('huhang.session.roles');
    runInAction(() => Object.assign(sessionStore, { roles: [], who: [], pendingGuardian: [], loaded: false, loading: false, error: null }));
  });

  it('says a request waits, with the school, class and when, instead of 还没有绑定身份', async () => {
    (auth.me as jest.Mock).mockResolvedValueOnce({ userId: 'u1', roles: [], who: [], pendingGuardian: waiting });
    const { container } = render(<MePage />);
    expect(await screen.findByText('已提交绑定申请，等待学校确认（提交于12月6日 09:30）')).toBeTruthy();
    expect(screen.getByText('思茅第一中学八年级（2）班')).toBeTruthy();
    expect(container.textContent).not.toContain('还没有绑定身份');
  });

  it('after a name that is not on the roster, the message shows and the waiting request stays listed', async () => {
    redeem.mockResolvedValueOnce({ roles: [], label: '思茅第一中学八年级（2）班 张小明的家长邀请码', pending: true, message: '已经提交给班主任确认：学校还没有登记这个孩子的监护人。' });
    const { container } = render(<MePage />);
    await screen.findByText(/还没有绑定身份/);
    (auth.me as jest.Mock).mockResolvedValueOnce({ userId: 'u1', roles: [], who: [], pendingGuardian: waiting });
    await typeCode(container, 'ABCD-EFGH-JKLM');
    fireEvent.click(screen.getByText('绑定身份', { selector: '.at-button__text' }));
    expect(await screen.findByText('已经提交给班主任确认：学校还没有登记这个孩子的监护人。')).toBeTruthy();
    expect(await screen.findByText(/已提交绑定申请，等待学校确认/)).toBeTruthy();
    expect(container.textContent).not.toContain('张小明');
  });
});

describe('我的: binding a role with an invitation code', () => {
  beforeEach(() => {
    jest.clearAllMocks();
    router.params = {};
    Taro.removeStorageSync('huhang.session.roles');
    runInAction(() => Object.assign(sessionStore, { roles: [], loaded: false, loading: false, error: null }));
  });

  it('redeems the typed code through the service and then lists the new role in Chinese', async () => {
    redeem.mockResolvedValue({ roles: [{ role: 'guardian', schoolId: 's1', studentId: 'st1' }], label: '思茅第一中学 张小明的家长' });
    const { container } = render(<MePage />);
    expect(await screen.findByText(/还没有绑定身份/)).toBeTruthy();

    await typeCode(container, ' DEMO-GUARDIAN ');
    fireEvent.click(screen.getByText('绑定身份', { selector: '.at-button__text' }));

    expect(await screen.findByText('家长/监护人')).toBeTruthy();
    expect(redeem).toHaveBeenCalledTimes(1);
    expect(redeem.mock.calls[0][0]).toBe('DEMO-GUARDIAN');
    expect(container.textContent).toContain('绑定成功：思茅第一中学 张小明的家长');
    expect(container.textContent).not.toContain('还没有绑定身份');
    // then who I am in it, from auth.me (asked again after binding)
    expect(auth.me).toHaveBeenCalled();
  });

  it('after binding links to 首页; 退出登录 then clears the 绑定成功 line (it may name a child) and says it signed out', async () => {
    redeem.mockResolvedValue({ roles: [{ role: 'guardian', schoolId: 's1', studentId: 'st1' }], label: '思茅第一中学 李小雨（13岁）的家长' });
    const { container } = render(<MePage />);
    await screen.findByText(/还没有绑定身份/);
    // Nothing bound: nothing to sign out of.
    expect(screen.queryByText('退出登录', { selector: '.at-button__text' })).toBeNull();

    await typeCode(container, 'DEMO-PARENT');
    fireEvent.click(screen.getByText('绑定身份', { selector: '.at-button__text' }));
    await screen.findByText('家长/监护人');
    fireEvent.click(screen.getByText('去首页', { selector: '.at-button__text' }));
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' });

    fireEvent.click(screen.getByText('退出登录', { selector: '.at-button__text' }));
    await waitFor(() => expect(container.textContent).not.toContain('李小雨'));
    expect(container.textContent).toContain('已退出登录');
  });

  it("shows the server's Chinese message when the code is wrong, and binds nothing", async () => {
    redeem.mockRejectedValue(new ApiError('NOT_FOUND', '邀请码不正确，请核对后重新输入。'));
    const { container } = render(<MePage />);
    await screen.findByText(/还没有绑定身份/);

    await typeCode(container, 'NOPE1234');
    fireEvent.click(screen.getByText('绑定身份', { selector: '.at-button__text' }));

    expect(await screen.findByText('邀请码不正确，请核对后重新输入。')).toBeTruthy();
    expect(container.textContent).toContain('还没有绑定身份');
  });

  it('a guardian code\'s first answer (the server asks for the name) is a prompt, not a warning', async () => {
    redeem.mockRejectedValueOnce(new ApiError('BAD_INPUT', '请填写您的姓名（和学校登记的监护人姓名一致），再点“绑定身份”。', { needsName: true }));
    const { container } = render(<MePage />);
    await screen.findByText(/还没有绑定身份/);
    await typeCode(container, 'ABCD-EFGH-JKLM');
    fireEvent.click(screen.getByText('绑定身份', { selector: '.at-button__text' }));
    const prompt = await screen.findByText('这是家长邀请码，请填写您的姓名和与孩子的关系，再点“绑定身份”。');
    expect(prompt.closest('.hh-notice')!.className).toContain('hh-notice--info');
    expect(container.querySelector('.hh-notice--warning')).toBeNull();
    // (Taro's Input renders its <input> asynchronously)
    await waitFor(() => expect(container.querySelector('input[placeholder="您的姓名，例如：刘芳"]')).toBeTruthy());
  });

  it('a teacher whose post the school ended reads that it was ended, not only 还没有绑定身份 (walk 14b #13)', async () => {
    const endedAt = Date.parse('2026-12-06T09:30:00+08:00');
    (auth.me as jest.Mock).mockResolvedValueOnce({ userId: 'u1', roles: [], endedPosts: [{ roleName: '班主任', place: '思茅区第四中学八年级（1）班', bySchool: true, endedAt }] });
    const { container } = render(<MePage />);
    expect(await screen.findByText('您在思茅区第四中学八年级（1）班的班主任岗位已由学校结束（12月6日 09:30）。如有疑问，请联系学校管理员。')).toBeTruthy();
    expect(container.textContent).toContain('还没有绑定身份');
  });

  it('asks for a code instead of calling the server with an empty one', async () => {
    render(<MePage />);
    await screen.findByText(/还没有绑定身份/);
    fireEvent.click(screen.getByText('绑定身份', { selector: '.at-button__text' }));
    expect(await screen.findByText('请先输入邀请码。')).toBeTruthy();
    expect(redeem).not.toHaveBeenCalled();
  });

  it('says what we keep and what we never keep', async () => {
    const { container } = render(<MePage />);
    await screen.findByText(/还没有绑定身份/);
    expect(container.textContent).toContain('我们保存');
    expect(container.textContent).toContain('不保存您的微信身份');
  });
});

describe('我的 once bound: the code box waits behind 再绑定一个身份, unless a slip brought a code', () => {
  const bound = [{ role: 'guardian', schoolId: 's1', studentId: 'st1' }];
  beforeEach(() => {
    jest.clearAllMocks();
    router.params = {};
    Taro.removeStorageSync('huhang.session.roles');
    runInAction(() => Object.assign(sessionStore, { roles: [], loaded: false, loading: false, error: null }));
  });

  it('a bound phone sees 再绑定一个身份 and no code box, also while the server has not answered yet', async () => {
    Taro.setStorageSync('huhang.session.roles', bound);
    let answer!: (v: unknown) => void;
    (auth.me as jest.Mock).mockImplementationOnce(() => new Promise((r) => { answer = r; }));
    const { container } = render(<MePage />);
    // before auth.me answers: what this phone last knew
    expect(await screen.findByText('再绑定一个身份')).toBeTruthy();
    expect(container.querySelector('.me__input')).toBeNull();
    answer({ userId: 'u1', roles: bound });
    await screen.findByText('家长/监护人');
    expect(container.querySelector('.me__input')).toBeNull();
    fireEvent.click(screen.getByText('再绑定一个身份'));
    await waitFor(() => expect(container.querySelector('.me__input')).not.toBeNull());
  });

  it('a phone that was never bound shows the code box at once', async () => {
    (auth.me as jest.Mock).mockImplementationOnce(() => new Promise(() => undefined));
    const { container } = render(<MePage />);
    await waitFor(() => expect(container.querySelector('.me__input')).not.toBeNull());
    expect(screen.queryByText('再绑定一个身份')).toBeNull();
  });

  it.each([['code'], ['scene']])('a bound phone opened from a slip (?%s=) shows the box with the code filled in', async (key) => {
    Taro.setStorageSync('huhang.session.roles', bound);
    (auth.me as jest.Mock).mockResolvedValueOnce({ userId: 'u1', roles: bound });
    router.params = { [key]: encodeURIComponent('ABCD-EFGH-JKLM') };
    const { container } = render(<MePage />);
    await screen.findByText('家长/监护人');
    expect(screen.queryByText('再绑定一个身份')).toBeNull();
    await waitFor(() => expect(container.querySelector('input')?.value).toBe('ABCD-EFGH-JKLM'));
  });
});
