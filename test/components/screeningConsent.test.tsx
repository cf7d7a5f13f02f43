/** The guardian's consent page: what it is and who sees answers, then 同意 or 不同意; what the teacher told them. */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import ConsentPage from '../../src/packageScreening/pages/consent/index';
import { screeningApi } from '../../src/services/screening';
import { router } from './taroShim';

jest.mock('../../src/services/screening', () => ({ screeningApi: { current: jest.fn(), consent: jest.fn() } }));
const api = screeningApi as jest.Mocked<typeof screeningApi>;
// a test that fails early must not leave its queued answers to the next one
beforeEach(() => { api.current.mockReset(); api.consent.mockReset(); });
const view = (over: object) => ({
  role: 'guardian', child: { id: 'stu-simao-1', name: '李小雨' }, finished: false, notifications: [], requests: [], consentRecord: null, changed: null,
  campaign: {
    id: 'cmp-demo-simao-1', name: '八年级心理健康测评', closesOn: '2026-12-19', consentText: '答案只有学校心理健康教师能看到。根据《个人信息保护法》……',
    purpose: '了解孩子最近的心情。', recipients: '只有学校的心理健康教师能看到孩子的回答。', consentVersion: 1,
  },
  consent: 'needed', ...over,
});
const record = (over: object) => ({
  agree: true, via: 'guardian_app', how: '在小程序里', at: 1, version: 1, guardianName: '刘芳', relation: '母亲', byMe: true,
  overrodeDecline: false, paper: null, history: [{ agree: true, via: 'guardian_app', how: '在小程序里', byName: '刘芳（母亲）', at: 1, version: 1 }], ...over,
});

test('agreeing sends the consent for that child and shows the new state', async () => {
  router.params = {};
  api.current.mockResolvedValueOnce(view({}) as any).mockResolvedValueOnce(view({ consent: 'given', consentRecord: record({}) }) as any);
  api.consent.mockResolvedValue({ consent: 'given' });
  const { container } = render(<ConsentPage />);
  expect(await screen.findByText(/个人信息保护法/)).toBeTruthy();
  expect(container.textContent).toContain('还没有办理同意');
  await act(async () => { fireEvent.click(screen.getByText('同意参加')); });
  expect(api.consent).toHaveBeenCalledWith('cmp-demo-simao-1', 'stu-simao-1', true, expect.objectContaining({ requestId: expect.any(String) }));
  expect(await screen.findByText(/已同意，孩子可以开始作答（您在小程序里选择了同意）/)).toBeTruthy();
  // before the child submits, the one button left withdraws (agreeing again would do nothing)
  expect(screen.getByText('撤回同意')).toBeTruthy();
  expect(screen.queryByText('同意参加')).toBeNull();
});

test('after declining, the one button left changes it to agree', async () => {
  router.params = {};
  api.current.mockResolvedValue(view({ consent: 'declined', consentRecord: record({ agree: false }) }) as any);
  render(<ConsentPage />);
  expect(await screen.findByText('改为同意参加')).toBeTruthy();
  expect(screen.queryByText('不同意')).toBeNull();
});

test('the grandfather reads that the mother agreed, in the app', async () => {
  router.params = {};
  api.current.mockResolvedValue(view({ consent: 'given', consentRecord: record({ byMe: false }) }) as any);
  const { container } = render(<ConsentPage />);
  expect((await screen.findAllByText(/刘芳（母亲）在小程序里选择了同意/)).length).toBeGreaterThan(0);
  expect(container.textContent).not.toContain('您在小程序里');
});

test('a paper form recorded after her "no": she is told, sees the evidence, and withdraws', async () => {
  router.params = {};
  const paper = { guardianName: '刘芳', relation: '母亲', formDate: '2026-11-27', recordedByName: '陈静', recordedAt: 2, photoUrl: '/files/fabc?sig=x&exp=1' };
  const history = [
    { agree: false, via: 'guardian_app', how: '在小程序里', byName: '刘芳（母亲）', at: 1, version: 1 },
    { agree: true, via: 'paper_form', how: '签纸质同意书', byName: '陈静（据刘芳签署的纸质同意书录入）', at: 2, version: 1 },
  ];
  api.current.mockResolvedValueOnce(view({ consent: 'given', consentRecord: record({ via: 'paper_form', paper, overrodeDecline: true, history }) }) as any)
    .mockResolvedValueOnce(view({ consent: 'declined', consentRecord: record({ agree: false, history }) }) as any);
  api.consent.mockResolvedValue({ consent: 'declined' });
  const { container } = render(<ConsentPage />);
  expect(await screen.findByText('学校录入了您签署的纸质同意书')).toBeTruthy();
  expect(container.textContent).toContain('您之前在小程序里选择了“不同意”');
  expect(container.textContent).toContain('签署日期：2026-11-27');
  expect(container.textContent).toContain('录入人：陈静老师');
  // the photo (Taro's image element renders its <img> a moment later)
  const photo = container.querySelector('.scr-photo')!;
  await waitFor(() => expect(photo.querySelector('img')?.getAttribute('src') ?? photo.getAttribute('src')).toBe('/files/fabc?sig=x&exp=1'));
  await act(async () => { fireEvent.click(screen.getByText('撤回同意')); });
  expect(api.consent).toHaveBeenCalledWith('cmp-demo-simao-1', 'stu-simao-1', false, expect.anything());
  expect(await screen.findByText(/不参加，我们尊重这个决定/)).toBeTruthy();
});

test('after the school changed the text, the family is asked again and sees what it said before', async () => {
  router.params = {};
  api.current.mockResolvedValue(view({ consent: 'needed', consentRecord: record({}), changed: { text: '旧的说明', purpose: '了解孩子最近的心情。', recipients: '只有心理老师。', at: 3 } }) as any);
  const { container } = render(<ConsentPage />);
  expect(await screen.findByText(/学校修改了这次测评的说明/)).toBeTruthy();
  expect(container.textContent).toContain('谁能看到：只有心理老师。');
  expect(container.textContent).not.toContain('用途：了解孩子最近的心情。');
  expect(screen.getByText('同意参加')).toBeTruthy();
});

test('after the psychology teacher records a notification, the family reads it', async () => {
  router.params = {};
  api.current.mockResolvedValue(view({ consent: 'given', finished: true, notifications: [{ at: 1, byName: '陈静', message: '孩子最近压力有些大，请多陪伴。' }] }) as any);
  const { container } = render(<ConsentPage />);
  expect(await screen.findByText('孩子最近压力有些大，请多陪伴。')).toBeTruthy();
  expect(container.textContent).toContain('孩子已经完成了问卷');
  expect(container.textContent).not.toContain('同意参加');
});

test('大字 on the consent page: the switch the letter and lessons share makes this page large, and is remembered', async () => {
  router.params = {};
  api.current.mockResolvedValue(view({}) as any);
  const { container, unmount } = render(<ConsentPage />);
  await screen.findByText(/个人信息保护法/);
  expect(container.querySelector('.scr-consent--large')).toBeNull();
  await act(async () => { fireEvent.click(screen.getByText('大字')); });
  expect(container.querySelector('.scr-consent--large')).not.toBeNull();
  unmount();
  const again = render(<ConsentPage />);
  await screen.findAllByText(/个人信息保护法/);
  expect(again.container.querySelector('.scr-consent--large')).not.toBeNull();
  expect(screen.getByText('字小一点')).toBeTruthy();
});
