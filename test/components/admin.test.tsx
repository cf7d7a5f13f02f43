/**
 * The enrolment workbench's small things found walking a county's go-live (walk 14): the sheet picker shows
 * only our Chinese button, 导入 says why it waits, a class's add and close answer next to the clerk's tap, a
 * closed class offers no codes, an issued staff code stays on one line and copies, a post ended is said, and
 * one's own admin post is explained instead of asked.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { runInAction } from 'mobx';
import Taro from '@tarojs/taro';
import { router } from './taroShim';
import { adminApi } from '../../src/packageAdmin/service';
import { sessionStore } from '../../src/stores/session';
import AdminHome from '../../src/packageAdmin/pages/index/index';
import GuardiansPage from '../../src/packageAdmin/pages/guardians/index';
import RosterPage from '../../src/packageAdmin/pages/roster/index';
import StaffPage from '../../src/packageAdmin/pages/staff/index';
import SheetPickerH5 from '../../src/packageAdmin/components/SheetPicker/index.h5';

jest.mock('../../src/packageAdmin/service', () => {
  const actual = jest.requireActual('../../src/packageAdmin/service');
  const api: Record<string, jest.Mock> = {};
  for (const k of Object.keys(actual.adminApi)) api[k] = jest.fn();
  return { ...actual, adminApi: api };
});
// the page's picker on H5 is a file input; here a button that "picks" a sheet
jest.mock('../../src/packageAdmin/components/SheetPicker', () => ({
  __esModule: true,
  default: ({ onPicked }: { onPicked: (id: string, name: string) => void }) => <button type='button' onClick={() => onPicked('f1', '名册.xlsx')}>pick</button>,
}));
jest.mock('../../src/services/auth', () => ({ me: jest.fn(async () => ({ userId: 'u1', roles: [] })), redeem: jest.fn(), signOut: jest.fn(), canSignOut: true }));
jest.mock('../../src/services/catalog', () => ({
  getCatalog: jest.fn(async () => ({ cityName: '普洱市', counties: [{ id: 'simao', name: '思茅区' }], schools: [], departments: [], classes: [], categories: [] })),
}));

const api = adminApi as unknown as Record<keyof typeof adminApi, jest.Mock>;
const modal = Taro.showModal as unknown as jest.Mock;
const click = (text: string, within: ParentNode = document) => {
  const el = Array.from(within.querySelectorAll('.at-button__text')).find((e) => e.textContent === text);
  if (!el) throw new Error(`no button ${text}`);
  fireEvent.click(el);
};

beforeEach(() => {
  jest.clearAllMocks();
  router.params = {};
});
afterEach(() => {
  runInAction(() => { sessionStore.roles = []; sessionStore.loaded = false; });
});

test('H5 sheet picker: the browser control is hidden behind our button (a class, not the tag Taro rewrites)', () => {
  const { container } = render(<SheetPickerH5 onPicked={jest.fn()} onError={jest.fn()} />);
  const input = container.querySelector('input[type=file]')!;
  expect(input.className).toBe('adm-file__input');
  expect(input.closest('label')?.textContent).toBe('选择表格文件');
});

test('H5 sheet picker: a roster is 学籍系统导出的表格, the schools list is a 学校名单表格', () => {
  const roster = render(<SheetPickerH5 onPicked={jest.fn()} onError={jest.fn()} />);
  expect(roster.container.textContent).toContain('选择学籍系统导出的表格（.xlsx');
  roster.unmount();
  const { container } = render(<SheetPickerH5 what='学校名单表格' onPicked={jest.fn()} onError={jest.fn()} />);
  expect(container.textContent).toContain('选择学校名单表格（.xlsx');
  expect(container.textContent).not.toContain('学籍');
});

test('导入 waits for a check, and says so until one has been read', async () => {
  router.params = { schoolId: 's1', name: '思茅区第一中学' };
  api.importRoster.mockResolvedValue({ rows: 1, created: 1, updated: 0, unchanged: 0, errors: [], dropped: [], classesCreated: [], dryRun: true });
  const { container } = render(<RosterPage />);
  expect(container.textContent).toContain('先选择表格文件，再点“先检查，不导入”，看过结果再导入。');
  fireEvent.click(screen.getByText('pick'));
  expect(container.textContent).toContain('先点“先检查，不导入”，看过结果再导入。');
  click('先检查，不导入');
  expect(await screen.findByText('检查结果（还没有导入）')).toBeTruthy();
  expect(api.importRoster).toHaveBeenCalledWith({ schoolId: 's1', fileId: 'f1', dryRun: true });
  expect(container.querySelector('.adm-import-hint')).toBeNull();
});

describe('学校、名册和邀请码: classes', () => {
  const classes = [
    { id: 'c1', grade: 8, number: 1, name: '八年级（1）班', status: 'open', students: 40 },
    { id: 'c2', grade: 8, number: 2, name: '八年级（2）班', status: 'closed', students: 0 },
  ];
  const open = async () => {
    runInAction(() => { sessionStore.roles = [{ role: 'school_admin', schoolId: 's1' }]; sessionStore.loaded = true; });
    api.schools.mockResolvedValue({ schools: [{ id: 's1', name: '思茅区第四中学', jurisdiction: 'simao', stage: 'middle', status: 'open', classes: 2, students: 40 }] });
    api.classes.mockResolvedValue({ school: { id: 's1', name: '思茅区第四中学', status: 'open' }, classes });
    const view = render(<AdminHome />);
    fireEvent.click(await screen.findByText('查看班级'));
    await screen.findByText('八年级（1）班');
    const row = (name: string) => Array.from(view.container.querySelectorAll('.adm-row')).find((r) => r.textContent!.includes(name))!;
    return { ...view, row };
  };

  test('a closed class offers no codes and says so; the open one does', async () => {
    const { row } = await open();
    expect(row('八年级（1）班').textContent).toContain('家长邀请码纸条');
    expect(row('八年级（1）班').textContent).toContain('班主任邀请码');
    const closed = row('八年级（2）班').textContent!;
    expect(closed).toContain('已关闭：不能再发邀请码');
    expect(closed).not.toContain('家长邀请码纸条');
    expect(closed).not.toContain('学生邀请码');
    expect(closed).not.toContain('班主任邀请码');
    expect(closed).toContain('家长绑定情况');
  });

  test('关闭班级 asks first: cancelled, nothing changes; confirmed, the class is closed', async () => {
    const { row } = await open();
    modal.mockResolvedValueOnce({ confirm: false });
    click('关闭班级', row('八年级（1）班'));
    await waitFor(() => expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '关闭八年级（1）班？' })));
    expect(api.updateClass).not.toHaveBeenCalled();
    modal.mockResolvedValueOnce({ confirm: true });
    api.updateClass.mockResolvedValue({});
    click('关闭班级', row('八年级（1）班'));
    await waitFor(() => expect(api.updateClass).toHaveBeenCalledWith({ classId: 'c1', status: 'closed' }));
    // reopening does not ask
    modal.mockClear();
    click('重新开班', row('八年级（2）班'));
    await waitFor(() => expect(api.updateClass).toHaveBeenCalledWith({ classId: 'c2', status: 'open' }));
    expect(modal).not.toHaveBeenCalled();
  });

  test('添加班级 answers under its own button; each box has its name (年级, 班号) before it and says it takes a number', async () => {
    const { container } = await open();
    // Taro's Input renders its <input> a moment later
    await waitFor(() => expect(container.querySelector('input[placeholder="数字，如 8"]')).toBeTruthy());
    const fields = Array.from(container.querySelectorAll('.adm-field'));
    expect(fields.map((f) => f.querySelector('.adm-field__label')!.textContent)).toEqual(['年级', '班号']);
    expect(fields[1].querySelector('input')!.getAttribute('placeholder')).toBe('数字，如 2');
    const { ApiError } = jest.requireActual('../../src/services/errors');
    api.addClass.mockRejectedValue(new ApiError('CONFLICT', '思茅区第四中学已经有八年级（1）班了。'));
    click('添加班级');
    const said = await screen.findByText('思茅区第四中学已经有八年级（1）班了。');
    const addButton = Array.from(container.querySelectorAll('.at-button__text')).find((e) => e.textContent === '添加班级')!;
    // after the button in the page, and nothing said at the top of the list
    expect(addButton.compareDocumentPosition(said) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getAllByText('思茅区第四中学已经有八年级（1）班了。')).toHaveLength(1);
  });

  test('班级改名 answers in the class\'s own row (under the school\'s buttons it read as the school renamed), its buttons in the same row as the others', async () => {
    const { row } = await open();
    const links = row('八年级（1）班').querySelector('.adm-actions')!;
    expect(Array.from(links.querySelectorAll('.at-button__text')).map((b) => b.textContent)).toEqual(['家长邀请码纸条', '学生邀请码', '家长绑定情况', '班主任邀请码', '班级改名', '关闭班级']);
    click('班级改名', row('八年级（1）班'));
    const box = await waitFor(() => {
      const el = row('八年级（1）班').querySelector('.adm-name-form input');
      if (!el) throw new Error('no input yet');
      return el;
    });
    fireEvent.input(box, { target: { value: '八年级（1）班（科创班）' } });
    api.updateClass.mockResolvedValue({});
    await waitFor(() => click('改名', row('八年级（1）班')));
    const said = await screen.findByText('班级已改名。');
    expect(row('八年级（1）班').contains(said)).toBe(true);
    expect(api.updateClass).toHaveBeenCalledWith({ classId: 'c1', name: '八年级（1）班（科创班）' });
    expect(screen.getAllByText('班级已改名。')).toHaveLength(1);
  });
});

test('家长绑定情况: the confirm button is short, the question is said beside it', async () => {
  router.params = { classId: 'c1' };
  api.guardians.mockResolvedValue({
    school: { id: 's1', name: '思茅区第四中学' }, class: { id: 'c1', name: '八年级（2）班' }, pending: 1,
    students: [{ studentId: 'st1', name: '周杰', guardians: [], roster: [], requests: [{ requestId: 'r1', name: '周强', relation: '父亲', createdAt: 1 }] }],
  });
  const { container } = render(<GuardiansPage />);
  expect(await screen.findByText('周强是周杰的家长吗？')).toBeTruthy();
  expect(container.textContent).toContain('名册上的监护人：没有登记');
  api.decide.mockResolvedValue({});
  click('是，确认');
  await waitFor(() => expect(api.decide).toHaveBeenCalledWith('r1', true));
  // said in the child's card, where the tap was (at the top of the page it was off-screen at 390 px)
  const said = await screen.findByText('已确认周强是周杰的家长。');
  expect(said.closest('.hh-card')?.textContent).toContain('周杰');
});

describe('教职工和岗位', () => {
  const post = (p: Partial<{ postId: string; role: string; roleName: string; displayName: string; mine: boolean }>) => ({
    postId: 'p', role: 'psych_teacher', roleName: '心理健康教师', displayName: '段心怡', schoolId: 's1', schoolName: '思茅区第四中学',
    className: null, deptName: null, since: 1, mine: false, ...p,
  });
  beforeEach(() => { router.params = { schoolId: 's1', name: '思茅区第四中学' }; });

  test('an issued code stays on one line and copies', async () => {
    api.staff.mockResolvedValue({ posts: [], needsOwner: [] });
    api.issueStaff.mockResolvedValue([{ code: '8GT9-BQTX-HKR9', label: '思茅区第四中学 心理健康教师 段心怡', expiresAt: Date.UTC(2027, 1, 3) }]);
    const { container } = render(<StaffPage />);
    await screen.findByText('还没有人绑定岗位。');
    const name = await waitFor(() => {
      const el = container.querySelector('input[placeholder="同事的姓名"]');
      if (!el) throw new Error('no input yet');
      return el;
    });
    fireEvent.input(name, { target: { value: '段心怡' } });
    await waitFor(() => click('生成邀请码'));
    const code = await screen.findByText('8GT9-BQTX-HKR9');
    expect(code.className).toContain('adm-code__value');
    click('复制');
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '已复制', icon: 'none' }));
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: '8GT9-BQTX-HKR9' });
  });

  test('解除岗位 asks, ends it and says so', async () => {
    api.staff.mockResolvedValueOnce({ posts: [post({ postId: 'p1' })], needsOwner: [] }).mockResolvedValue({ posts: [], needsOwner: [] });
    api.endPost.mockResolvedValue({ postId: 'p1', ended: true });
    modal.mockResolvedValueOnce({ confirm: true });
    render(<StaffPage />);
    await screen.findByText('段心怡 · 心理健康教师');
    click('解除岗位');
    // long enough to read: the default 1.5 s was missed
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '已解除段心怡的岗位', icon: 'none', duration: 3000 }));
    expect(api.endPost).toHaveBeenCalledWith('p1');
  });

  test('my own admin post: the only admin is told the school would have none, and nothing is ended', async () => {
    api.staff.mockResolvedValue({ posts: [post({ postId: 'me', role: 'school_admin', roleName: '学校管理员', displayName: '杨丽', mine: true })], needsOwner: [] });
    render(<StaffPage />);
    await screen.findByText('杨丽 · 学校管理员');
    click('解除岗位');
    await waitFor(() => expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '不能解除自己的岗位', showCancel: false })));
    expect(modal.mock.calls[0][0].content).toContain('您是思茅区第四中学唯一的学校管理员');
    expect(api.endPost).not.toHaveBeenCalled();
  });

  test('my own admin post with a second admin: who can end it, no warning about being the only one', async () => {
    api.staff.mockResolvedValue({
      posts: [post({ postId: 'me', role: 'school_admin', roleName: '学校管理员', displayName: '杨丽', mine: true }), post({ postId: 'other', role: 'school_admin', roleName: '学校管理员', displayName: '李华' })],
      needsOwner: [],
    });
    render(<StaffPage />);
    await screen.findByText('杨丽 · 学校管理员');
    click('解除岗位', screen.getByText('杨丽 · 学校管理员').closest('.adm-row')!);
    await waitFor(() => expect(modal).toHaveBeenCalled());
    expect(modal.mock.calls[0][0].content).toBe('请让本校另一位学校管理员或县（区）协调员解除您的岗位。');
    expect(api.endPost).not.toHaveBeenCalled();
  });
});
