/**
 * The class teacher's 心理测评完成情况: a family whose guardian has not bound
 * the app gets no 提醒家长 (it could reach nobody: a 409 before) but says so;
 * a refused reminder names the child it was for (walk of 2026-12-07, item 9).
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import CompletionPage from '../../src/packageScreening/pages/completion/index';
import { ApiError } from '../../src/services/errors';
import { screeningApi, type CompletionRow } from '../../src/services/screening';
import { router } from './taroShim';

jest.mock('../../src/services/screening', () => ({ screeningApi: { campaigns: jest.fn(), completion: jest.fn(), nudge: jest.fn() } }));
const api = screeningApi as jest.Mocked<typeof screeningApi>;
const settle = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });

const row = (over: Partial<CompletionRow> & Pick<CompletionRow, 'studentId' | 'name' | 'status'>): CompletionRow => ({ nudgedAt: null, ...over });

beforeEach(() => {
  jest.clearAllMocks();
  router.params = {};
  api.campaigns.mockResolvedValue({ items: [{ id: 'cmp-a', name: '筛查', opensOn: '', closesOn: '', status: 'open', openNow: true, canManage: false }] } as never);
  api.completion.mockResolvedValue({
    campaign: { id: 'cmp-a', name: '八年级心理测评', closesOn: '2026-12-28' },
    classes: [{
      classId: 'c', className: '八年级（2）班', counts: { total: 3, finished: 0 },
      students: [
        row({ studentId: 's1', name: '王梓涵', status: 'awaiting_consent', guardianBound: false }),
        row({ studentId: 's2', name: '李小雨', status: 'awaiting_consent', guardianBound: true }),
        row({ studentId: 's3', name: '杨佳怡', status: 'not_finished', guardianBound: false }),
      ],
    }],
  });
});

const rowOf = (container: HTMLElement, name: string) => Array.from(container.querySelectorAll('.scr-row')).find((r) => r.textContent!.includes(name))!;

test('no guardian bound: the row says so in place of 提醒家长; a bound family and a student who may answer keep their button', async () => {
  const { container } = render(<CompletionPage />);
  await screen.findByText('王梓涵');
  expect(rowOf(container, '王梓涵').textContent).toContain('家长还没有绑定护航');
  expect(rowOf(container, '王梓涵').textContent).not.toContain('提醒家长');
  expect(rowOf(container, '李小雨').textContent).toContain('提醒家长');
  expect(rowOf(container, '李小雨').textContent).not.toContain('家长还没有绑定护航');
  // the student's own reminder does not depend on the family
  expect(rowOf(container, '杨佳怡').textContent).toContain('悄悄提醒');
});

test('a refused reminder names the child, as a warning', async () => {
  api.nudge.mockRejectedValue(new ApiError('CONFLICT', '这名学生还没有绑定家长，请先把家长邀请码发给家长。'));
  const { container } = render(<CompletionPage />);
  await screen.findByText('李小雨');
  fireEvent.click(screen.getByText('提醒家长'));
  await settle();
  const notice = container.querySelector('.hh-notice')!;
  expect(notice.className).toContain('hh-notice--warning');
  expect(notice.textContent).toBe('没有提醒到李小雨的家长：这名学生还没有绑定家长，请先把家长邀请码发给家长。');

  api.nudge.mockRejectedValue(new ApiError('CONFLICT', '这名学生已经完成了，不需要提醒。'));
  fireEvent.click(screen.getByText('悄悄提醒'));
  await settle();
  expect(container.querySelector('.hh-notice')!.textContent).toBe('没有提醒到杨佳怡：这名学生已经完成了，不需要提醒。');
});

test('a reminder sent says to whom, as news', async () => {
  api.nudge.mockResolvedValue({ studentId: 's2', nudgedAt: 1, to: 'guardians', guardians: 2 } as never);
  const { container } = render(<CompletionPage />);
  await screen.findByText('李小雨');
  fireEvent.click(screen.getByText('提醒家长'));
  await settle();
  const notice = container.querySelector('.hh-notice')!;
  expect(notice.className).toContain('hh-notice--info');
  expect(notice.textContent).toContain('已提醒李小雨的家长（2位）');
});
