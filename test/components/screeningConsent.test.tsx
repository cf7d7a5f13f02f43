/** The guardian's consent page: what it is and who sees answers, then 同意 or 不同意; what the teacher told them. */
import { act, fireEvent, render, screen } from '@testing-library/react';
import ConsentPage from '../../src/packageScreening/pages/consent/index';
import { screeningApi } from '../../src/services/screening';
import { router } from './taroShim';

jest.mock('../../src/services/screening', () => ({ screeningApi: { current: jest.fn(), consent: jest.fn() } }));
const api = screeningApi as jest.Mocked<typeof screeningApi>;
const view = (over: object) => ({
  role: 'guardian', child: { id: 'stu-simao-1', name: '李小雨' }, finished: false, notifications: [],
  campaign: { id: 'cmp-demo-simao-1', name: '八年级心理健康筛查', closesOn: '2026-12-19', consentText: '答案只有学校心理健康教师能看到。根据《个人信息保护法》……' },
  consent: 'needed', ...over,
});

test('agreeing sends the consent for that child and shows the new state', async () => {
  router.params = {};
  api.current.mockResolvedValueOnce(view({}) as any).mockResolvedValueOnce(view({ consent: 'given' }) as any);
  api.consent.mockResolvedValue({ consent: 'given' });
  const { container } = render(<ConsentPage />);
  expect(await screen.findByText(/个人信息保护法/)).toBeTruthy();
  expect(container.textContent).toContain('还没有办理同意');
  await act(async () => { fireEvent.click(screen.getByText('同意参加')); });
  expect(api.consent).toHaveBeenCalledWith('cmp-demo-simao-1', 'stu-simao-1', true, expect.objectContaining({ requestId: expect.any(String) }));
  expect(await screen.findByText(/您已同意/)).toBeTruthy();
});

test('after the psychology teacher records a notification, the family reads it', async () => {
  router.params = {};
  api.current.mockResolvedValue(view({ consent: 'given', finished: true, notifications: [{ at: 1, byName: '陈静', message: '孩子最近压力有些大，请多陪伴。' }] }) as any);
  const { container } = render(<ConsentPage />);
  expect(await screen.findByText('孩子最近压力有些大，请多陪伴。')).toBeTruthy();
  expect(container.textContent).toContain('孩子已经完成了问卷');
  expect(container.textContent).not.toContain('同意参加');
});
