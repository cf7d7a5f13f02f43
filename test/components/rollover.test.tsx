/** 学年升级: the school admin sees each class before and after, confirms, and the page says it is done. */
import { fireEvent, render, screen } from '@testing-library/react';
import { runInAction } from 'mobx';
import RolloverPage from '../../src/packageRollover/pages/preview/index';
import { rolloverApi } from '../../src/packageRollover/service';
import { sessionStore } from '../../src/stores/session';

jest.mock('../../src/packageRollover/service', () => ({ rolloverApi: { preview: jest.fn(), apply: jest.fn(), schools: jest.fn() } }));
const api = rolloverApi as jest.Mocked<typeof rolloverApi>;

const pending = {
  schoolId: 'sch-simao-1', schoolName: '思茅区第一中学', year: 2026, date: '2026-09-01', applied: false, appliedAt: null,
  classes: [
    { classId: 'c82', action: 'promote' as const, className: '八年级（2）班', from: { grade: 8, name: '八年级（2）班' }, to: { grade: 9, name: '九年级（2）班' }, students: 5 },
    { classId: 'c91', action: 'graduate' as const, className: '九年级（1）班', from: { grade: 9, name: '九年级（1）班' }, students: 42 },
  ],
  promotedClasses: 1, graduatingClasses: 1, graduatingStudents: 42,
};

afterEach(() => {
  runInAction(() => { sessionStore.roles = []; sessionStore.loaded = false; });
  jest.resetAllMocks();
});

test('preview, a confirmation step, then the result; the write carries one request id across taps', async () => {
  runInAction(() => { sessionStore.roles = [{ role: 'school_admin', schoolId: 'sch-simao-1' }]; });
  api.preview.mockResolvedValueOnce(pending).mockResolvedValueOnce({ ...pending, applied: true, appliedAt: 1, classes: [] });
  api.apply.mockResolvedValue({ schoolId: 'sch-simao-1', year: 2026, date: '2026-09-01', alreadyApplied: false, promoted: 1, graduated: 1, students: 47, bindingsEnded: 60 });
  const { container } = render(<RolloverPage />);
  expect(await screen.findByText('思茅区第一中学：2026-09-01 升级')).toBeTruthy();
  expect(api.preview).toHaveBeenCalledWith('sch-simao-1');
  expect(container.textContent).toContain('→ 九年级（2）班');
  expect(container.textContent).toContain('→ 毕业（班级存档）');
  expect(container.textContent).toContain('1 个班毕业（42 名学生）');
  // nothing happens on the first tap: it asks first
  fireEvent.click(screen.getByText('现在升级'));
  expect(api.apply).not.toHaveBeenCalled();
  expect(container.textContent).toContain('升级后不能撤回');
  fireEvent.click(screen.getByText('确认升级'));
  expect(await screen.findByText('2026 年的升级已经完成')).toBeTruthy();
  expect(api.apply).toHaveBeenCalledWith('sch-simao-1', { requestId: expect.any(String) });
  expect(container.textContent).toContain('升级完成：1 个班升了一级，1 个班毕业，共 47 名学生。');
});

test('a refused apply shows the server\'s words and keeps the preview', async () => {
  runInAction(() => { sessionStore.roles = [{ role: 'school_admin', schoolId: 'sch-simao-1' }]; });
  api.preview.mockResolvedValue(pending);
  const { ApiError } = jest.requireActual('../../src/services/errors');
  api.apply.mockRejectedValue(new ApiError('CONFLICT', '还没到升级的时候：今年的升级日是 2027-09-01，暑假开始后才能提前升级。'));
  const { container } = render(<RolloverPage />);
  fireEvent.click(await screen.findByText('现在升级'));
  fireEvent.click(screen.getByText('确认升级'));
  expect(await screen.findByText(/还没到升级的时候/)).toBeTruthy();
  expect(container.textContent).toContain('→ 九年级（2）班');
});

test('without a school admin binding the page says who can use it', () => {
  runInAction(() => { sessionStore.roles = [{ role: 'class_teacher', schoolId: 's', classId: 'c' }]; sessionStore.loaded = true; });
  render(<RolloverPage />);
  expect(screen.getByText('只有学校管理员可以升级')).toBeTruthy();
  expect(api.preview).not.toHaveBeenCalled();
});

test('a coordinator picks a school of their area (the records, a county-added school too), then sees its preview', async () => {
  runInAction(() => { sessionStore.roles = [{ role: 'coordinator', jurisdiction: 'simao' }]; });
  // school.list answers the coordinator's own area only (the server decides), including a school added this week
  api.schools.mockResolvedValue({ schools: [{ id: 'sch-simao-1', name: '思茅区第一中学', status: 'open' }, { id: 'sch-new', name: '思茅区倚象镇中心小学', status: 'open' }, { id: 'sch-old', name: '已关闭的学校', status: 'closed' }] });
  api.preview.mockResolvedValue(pending);
  const { container } = render(<RolloverPage />);
  expect(await screen.findByText('思茅区倚象镇中心小学')).toBeTruthy();
  expect(container.textContent).not.toContain('已关闭的学校');
  expect(api.preview).not.toHaveBeenCalled();
  fireEvent.click(screen.getByText('思茅区第一中学'));
  expect(await screen.findByText('思茅区第一中学：2026-09-01 升级')).toBeTruthy();
  expect(api.preview).toHaveBeenCalledWith('sch-simao-1');
  expect(screen.getByText('换一所学校')).toBeTruthy();
});

test('a school added after this year\'s date: the page does not claim its classes were moved up', async () => {
  runInAction(() => { sessionStore.roles = [{ role: 'school_admin', schoolId: 'sch-new' }]; });
  api.preview.mockResolvedValue({ ...pending, schoolId: 'sch-new', applied: true, appliedAt: null, classes: [] });
  render(<RolloverPage />);
  expect(await screen.findByText('2026 年这所学校不需要升级')).toBeTruthy();
  expect(screen.queryByText(/各班已经升到新的年级/)).toBeNull();
});
