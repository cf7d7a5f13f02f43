/**
 * The student's questionnaire page: "not yet" without consent, one item a
 * screen with progress, back, the draft on the phone, a talk-now screen at
 * once after a critical answer, 提交 once, and never a score or label.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { instrumentView } from '../../src/cloud/handlers/screening/current';
import { FEEDBACK } from '../../src/cloud/handlers/screening/model';
import { asq, gad7, phqA } from '../../src/content/screening';
import AnswerPage from '../../src/packageScreening/pages/answer/index';
import { screeningApi } from '../../src/services/screening';

jest.mock('../../src/services/screening', () => ({
  screeningApi: { current: jest.fn(), saveDraft: jest.fn(async () => ({ savedAt: 1 })), submit: jest.fn() },
}));
const api = screeningApi as jest.Mocked<typeof screeningApi>;
const campaign = { id: 'cmp-demo-simao-1', name: '八年级心理健康测评', closesOn: '2026-12-19', consentText: '……' };
const open = (over: object = {}) => ({
  role: 'student', campaign, consent: 'given', finished: false, draft: null, nudged: false,
  instruments: [instrumentView(phqA), instrumentView(asq)], ...over,
});

beforeEach(() => {
  jest.clearAllMocks();
  Taro.removeStorageSync('hh-screening-draft:cmp-demo-simao-1');
});

test('without consent: a kind "not yet", no questions', async () => {
  api.current.mockResolvedValue(open({ consent: 'needed', instruments: [] }) as any);
  const { container } = render(<AnswerPage />);
  expect(await screen.findByText('还要再等一等')).toBeTruthy();
  expect(container.textContent).toContain('家长');
  expect(container.textContent).not.toContain('第 1 题');
  // a way to someone to talk to, even before consent
  expect(container.textContent).toContain('想找人聊聊');
  expect(container.textContent).toContain('12356');
});

test('one item a screen, back keeps the answer, item 9 brings who to talk to at once, then 提交 once', async () => {
  api.current.mockResolvedValue(open() as any);
  api.submit.mockResolvedValue({ crisis: true, feedback: FEEDBACK.crisis, submittedAt: 1 });
  const { container } = render(<AnswerPage />);
  // the intro states the questions asked before any answer (9 + 4), 左右: a yes on ASQ may add its fifth (walk 16 N5)
  expect(await screen.findByText(/接下来有 13 个左右的小问题/)).toBeTruthy();
  fireEvent.click(screen.getByText('开始'));
  // about 14: every item that may be asked (9 + 5), as the bar counts; it will not move
  expect(container.textContent).toContain('第 1 题 / 共约 14 题');
  fireEvent.click(screen.getByText('好几天'));
  expect(container.textContent).toContain('第 2 题');
  fireEvent.click(screen.getByText('上一题'));
  expect(container.textContent).toContain('第 1 题');
  fireEvent.click(screen.getByText('下一题'));
  // the phone keeps the draft at every answer
  expect((Taro.getStorageSync('hh-screening-draft:cmp-demo-simao-1') as any).answers['phq-a'].q1).toBe(1);
  for (let i = 2; i <= 8; i++) fireEvent.click(screen.getByText('完全不会'));
  expect(container.textContent).toContain('第 9 题');
  fireEvent.click(screen.getByText('好几天'));
  // at once: who to talk to now
  expect(container.textContent).toContain('12356');
  expect(container.textContent).toContain('12355');
  fireEvent.click(screen.getByText('我知道了，继续答题'));
  for (let i = 1; i <= 3; i++) fireEvent.click(screen.getByText('不是'));
  expect(container.textContent).toContain('第 13 题 / 共约 14 题');
  fireEvent.click(screen.getByText('不是'));
  await act(async () => { fireEvent.click(screen.getByText('答完了，提交')); });
  expect(api.submit).toHaveBeenCalledTimes(1);
  expect(api.submit.mock.calls[0][1]).toEqual({ 'phq-a': { q1: 1, q2: 0, q3: 0, q4: 0, q5: 0, q6: 0, q7: 0, q8: 0, q9: 1 }, asq: { q1: 0, q2: 0, q3: 0, q4: 0 } });
  expect(await screen.findByText(FEEDBACK.crisis)).toBeTruthy();
  expect(container.textContent).toContain('心理老师很快会来找你');
  // each said once, not by the cloud's words and again by the talk-now card (walk 16 N7)
  expect(container.textContent!.split(/来找你/).length - 1).toBe(1);
  expect(container.textContent!.split('你不是一个人').length - 1).toBe(1);
  expect(container.textContent).not.toMatch(/重度|抑郁|分数|PHQ/);
  expect(Taro.getStorageSync('hh-screening-draft:cmp-demo-simao-1')).toBeFalsy();
});

test('a yes on ASQ brings the fifth question; a failed 提交 keeps the answers and says so', async () => {
  const answers = { 'phq-a': Object.fromEntries(phqA.items.map((i) => [i.id, 0])), asq: { q1: 0, q2: 0, q3: 0 } };
  api.current.mockResolvedValue(open({ draft: { answers, updatedAt: 5 } }) as any);
  api.submit.mockRejectedValue(Object.assign(new Error('网络连接不上，请检查手机网络后再试一次。'), { name: 'ApiError' }));
  const { container } = render(<AnswerPage />);
  // resumes where the server's draft stopped
  expect(await screen.findByText(/第 13 题 \/ 共约 14 题/)).toBeTruthy();
  fireEvent.click(screen.getByText('是'));
  expect(container.textContent).toContain('12356');
  fireEvent.click(screen.getByText('我知道了，继续答题'));
  // the fifth question is asked now, and the total does not move: a yes must not read as costing a question
  expect(container.textContent).toContain('第 14 题 / 共约 14 题');
  fireEvent.click(screen.getByText('不是'));
  await act(async () => { fireEvent.click(screen.getByText('答完了，提交')); });
  expect(container.textContent).toContain('不会丢失');
  expect((Taro.getStorageSync('hh-screening-draft:cmp-demo-simao-1') as any).answers.asq).toEqual({ q1: 0, q2: 0, q3: 0, q4: 1, q5: 0 });
});

test('the talk-now screen comes once per questionnaire; a later critical answer gets a gentler line and the next question', async () => {
  api.current.mockResolvedValue(open() as any);
  const { container } = render(<AnswerPage />);
  fireEvent.click(await screen.findByText('开始'));
  for (let i = 1; i <= 8; i++) fireEvent.click(screen.getByText('完全不会'));
  fireEvent.click(screen.getByText('好几天'));
  expect(screen.getByText('我知道了，继续答题')).toBeTruthy();
  fireEvent.click(screen.getByText('我知道了，继续答题'));
  // ASQ question 1: a yes no longer interrupts with the full screen
  fireEvent.click(screen.getByText('是'));
  expect(screen.queryByText('我知道了，继续答题')).toBeNull();
  expect(container.textContent).toContain('第 11 题');
  expect(container.textContent).toContain('谢谢你告诉我们。答完以后心理老师会来找你');
  // the phone remembers it was shown: reopening does not show it again
  expect((Taro.getStorageSync('hh-screening-draft:cmp-demo-simao-1') as any).talkShown).toBe(true);
});

test('without follow-up questions the total is known: 共 M 题 in the intro and on every question (walk 16 N5)', async () => {
  api.current.mockResolvedValue(open({ instruments: [instrumentView(phqA), instrumentView(gad7)] }) as any);
  const { container } = render(<AnswerPage />);
  expect(await screen.findByText(/接下来有 16 个小问题/)).toBeTruthy();
  fireEvent.click(screen.getByText('开始'));
  expect(container.textContent).toContain('第 1 题 / 共 16 题');
  fireEvent.click(screen.getByText('好几天'));
  expect(container.textContent).toContain('第 2 题 / 共 16 题');
});

test('after 提交: 问卷已提交 in plain words, the kind words, and 回到首页', async () => {
  const gadIds = gad7.items.map((i) => i.id);
  const answers = { 'phq-a': Object.fromEntries(phqA.items.map((i) => [i.id, 0])), [gad7.id]: Object.fromEntries(gadIds.slice(0, -1).map((id) => [id, 0])) };
  api.current.mockResolvedValue(open({ instruments: [instrumentView(phqA), instrumentView(gad7)], draft: { answers, updatedAt: 5 } }) as any);
  api.submit.mockResolvedValue({ crisis: false, feedback: FEEDBACK.calm, submittedAt: 1 });
  const { container } = render(<AnswerPage />);
  expect(await screen.findByText(/第 16 题 \/ 共 16 题/)).toBeTruthy();
  fireEvent.click(screen.getByText('完全不会'));
  await act(async () => { fireEvent.click(screen.getByText('答完了，提交')); });
  expect(await screen.findByText('问卷已提交')).toBeTruthy();
  expect(container.textContent).toContain(FEEDBACK.calm);
  expect(container.textContent).not.toMatch(/第 \d+ 题/);
  fireEvent.click(screen.getByText('回到首页'));
  expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' });
});

test('opened again once submitted, it still says 问卷已提交 and offers 回到首页', async () => {
  api.current.mockResolvedValue(open({ finished: true, feedback: FEEDBACK.calm }) as any);
  render(<AnswerPage />);
  expect(await screen.findByText('问卷已提交')).toBeTruthy();
  expect(screen.getByText('回到首页')).toBeTruthy();
});

test('a withdrawn consent removes the draft kept on the phone', async () => {
  Taro.setStorageSync('hh-screening-draft:cmp-demo-simao-1', { answers: { 'phq-a': { q1: 2 } }, index: 1, updatedAt: 1 });
  api.current.mockResolvedValue(open({ consent: 'declined', instruments: [] }) as any);
  render(<AnswerPage />);
  expect(await screen.findByText('这次不用填写')).toBeTruthy();
  expect(Taro.getStorageSync('hh-screening-draft:cmp-demo-simao-1')).toBeFalsy();
});
