/**
 * The 一生一策 file's 状态 tab (walk 16 N6): never offers the status the file
 * already has, and a change logged without a reason reads "状态 → 常规" with
 * no dangling colon.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import FilePage from '../../src/packageScreening/pages/file/index';
import { screeningApi, type StudentFile } from '../../src/services/screening';
import { tapAndSettle } from './reportFixtures';
import { router } from './taroShim';

jest.mock('../../src/services/screening', () => ({ screeningApi: { file: jest.fn(), updateFile: jest.fn(async () => ({ id: 'e2' })), readLog: jest.fn() } }));
const api = screeningApi as jest.Mocked<typeof screeningApi>;

const file = (over: Partial<StudentFile> = {}): StudentFile => ({
  student: { id: 'stu-1', name: '李小雨', grade: 8, className: '八年级（2）班', age: 13 },
  status: 'watch', plan: '', planUpdatedAt: null, results: [], alerts: [], consents: [], hospitals: [],
  log: [
    { id: 'e1', kind: 'status', status: 'watch', at: Date.parse('2026-12-06T09:00:00+08:00'), byName: '王老师', text: '' },
    { id: 'e0', kind: 'followup', at: Date.parse('2026-12-05T09:00:00+08:00'), byName: '王老师', text: '谈话一次' },
  ],
  ...over,
});

/** Taps the chip with these words (the tabs and the statuses are chips, not buttons). */
const tapChip = (container: HTMLElement, words: string) =>
  act(() => { fireEvent.click(Array.from(container.querySelectorAll('.hh-choice--chip')).find((c) => c.textContent === words)!); });

test('the 状态 tab offers only other statuses, and a change without a reason logs no dangling colon', async () => {
  router.params = { studentId: 'stu-1' };
  api.file.mockResolvedValue(file());
  const { container } = render(<FilePage />);
  await screen.findByText('李小雨的一生一策档案');
  expect(container.textContent).toContain('状态 → 重点关注');
  expect(container.textContent).not.toContain('状态 → 重点关注：');
  expect(container.textContent).toContain('跟进：谈话一次');

  tapChip(container, '状态');
  expect(container.textContent).toContain('现在是“重点关注”。改为：');
  const chips = Array.from(container.querySelectorAll('.hh-choice--chip')).map((c) => c.textContent);
  expect(chips).toContain('常规');
  expect(chips).toContain('已结案');
  expect(chips).not.toContain('重点关注');
  expect(container.textContent).not.toContain('把状态改为“重点关注”');
  expect(container.textContent).toContain('先选一个新状态');

  tapChip(container, '常规');
  await tapAndSettle('把状态改为“常规”');
  expect(api.updateFile).toHaveBeenCalledWith('stu-1', { kind: 'status', status: 'routine' }, expect.objectContaining({ requestId: expect.any(String) }));
});
