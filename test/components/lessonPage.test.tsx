/**
 * The lesson page (packageLessons): reading, tap-to-call, the quiz explained
 * answer by answer (the right answer never shown before choosing), completion
 * recorded once for a student or queued when the network fails, a lesson
 * kept on the phone and read without network, 大字 remembered on the device
 * and WeChat's font size followed, read-aloud shown only where it exists.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { runInAction } from 'mobx';
import { lessonById } from '../../src/content/lessons/index';
import { asksWhatNeverToDo } from '../../src/domain/quiz';
import LessonPage from '../../src/packageLessons/pages/lesson/index';
import { completeLesson, getLesson, type CompleteAnswer, type LessonView } from '../../src/packageLessons/services/lessons';
import { COMPLETION_QUEUE_KEY, flush, queued } from '../../src/packageLessons/stores/completionQueue';
import { ANSWERS_PREFIX, LESSON_CACHE_PREFIX } from '../../src/packageLessons/stores/lesson';
import { call } from '../../src/services/api';
import { ApiError } from '../../src/services/errors';
import { DONE_KEY, LARGE_TEXT_KEY, LIST_KEY } from '../../src/stores/lessonList';
import { sessionStore } from '../../src/stores/session';
import { CANNOT_READ_NOW } from '../../src/services/speechText';
import { router } from './taroShim';

jest.mock('../../src/packageLessons/services/lessons', () => ({
  getLesson: jest.fn(),
  completeLesson: jest.fn(),
  recordClassSession: jest.fn(),
  getClassProgress: jest.fn(),
}));
jest.mock('../../src/services/api', () => ({ ...jest.requireActual('../../src/services/api'), call: jest.fn() }));
// the page as WeChat builds it: read-aloud through the 同声传译 plugin (speech.weapp.ts; speech.ts is the voiceless default)
jest.mock('../../src/services/speech', () => jest.requireActual('../../src/services/speech.weapp'));
jest.mock('../../src/services/connectivity', () => ({ whenBackOnline: () => () => undefined, knownOffline: jest.fn(async () => false) }));
const getMock = getLesson as jest.MockedFunction<typeof getLesson>;
const callMock = call as jest.MockedFunction<typeof call>;
const completeMock = completeLesson as jest.MockedFunction<typeof completeLesson>;

const ID = 'drowning.junior';
const lesson = (id = ID): LessonView => ({ ...lessonById(id)!, topicTitle: '防溺水', season: '5月到9月天气热，是溺水事故最多的时候。' });
const L = lesson();
const wrongOf = (q: { correct: number; options: string[] }) => (q.correct + 1) % q.options.length;

const settle = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });

async function open(id = ID) {
  router.params = { id };
  const view = render(<LessonPage />);
  await settle();
  return view;
}

/** Taps an option of question n (0-based) by its text. */
function choose(n: number, option: number) {
  const q = L.quiz[n];
  const el = screen.getAllByText(q.options[option]).find((e) => e.closest('.quiz__question')?.textContent?.includes(q.text));
  fireEvent.click(el!);
}

function asRoles(roles: Array<{ role: any; studentId?: string }>) {
  runInAction(() => {
    sessionStore.roles = roles as any;
    sessionStore.loaded = true;
  });
}

const answer = (over: Partial<CompleteAnswer> = {}): CompleteAnswer => ({
  id: ID, answers: [], rightCount: L.quiz.length, total: L.quiz.length, firstTime: true, completedAt: 1, ...over,
});

beforeEach(() => {
  jest.clearAllMocks();
  Taro.clearStorageSync();
  delete (Taro as any).getSystemInfoSync;
  delete (globalThis as any).requirePlugin;
  asRoles([{ role: 'student', studentId: 'stu-simao-1' }]);
  getMock.mockResolvedValue(L);
});

describe('reading', () => {
  it('shows the intro, key points, what to do and who to call; a number is one tap to call', async () => {
    const { container } = await open();
    const text = container.textContent!;
    expect(text).toContain(L.title);
    expect(text).toContain(L.intro);
    for (const p of [...L.keyPoints, ...L.whatToDo]) expect(text).toContain(p);
    expect(text).toContain('当季重点');
    const withNumber = L.whoToCall.find((w) => w.number)!;
    fireEvent.click(screen.getAllByText(withNumber.number!)[0]);
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: withNumber.number });
    expect(getMock).toHaveBeenCalledWith(ID);
  });

  it('opened from the home card with a topic id: my own version of that topic (from the list, or the list kept on the phone)', async () => {
    const list = { bands: ['junior'], items: [{ id: 'traffic.junior', topic: 'traffic' }, { id: ID, topic: 'drowning' }] };
    callMock.mockResolvedValueOnce(list as never);
    await open('drowning');
    expect(callMock).toHaveBeenCalledWith('lesson.list', {});
    expect(getMock).toHaveBeenLastCalledWith(ID);

    Taro.setStorageSync(`${LIST_KEY}.mine`, list);
    callMock.mockRejectedValueOnce(new ApiError('NETWORK'));
    await open('traffic');
    expect(getMock).toHaveBeenLastCalledWith('traffic.junior');
  });

  it('an unknown lesson says so in the server’s words, with a way back', async () => {
    getMock.mockRejectedValue(new ApiError('NOT_FOUND', '没有找到这一课，可能编号有误或课程已更新。请回到「课程」页面，重新选一课。'));
    const { container } = await open('drowning.adult');
    expect(container.textContent).toContain('没有找到这一课');
    expect(container.textContent).toContain('回到课程');
  });
});

describe('quiz', () => {
  it('reveals nothing before an answer; then marks it, gives the right one and explains', async () => {
    const { container } = await open();
    const q = L.quiz[0];
    expect(container.textContent).not.toContain(q.explanation);
    expect(container.querySelectorAll('.quiz__option--right, .quiz__option--never')).toHaveLength(0);

    choose(0, wrongOf(q));
    await settle();
    expect(container.textContent).toContain(`答错了，正确答案是：${q.options[q.correct]}`);
    expect(container.textContent).toContain(q.explanation);
    expect(container.querySelector('.quiz__option--wrong')?.textContent).toContain(q.options[wrongOf(q)]);
    expect(container.querySelector(asksWhatNeverToDo(q.text) ? '.quiz__option--never' : '.quiz__option--right')?.textContent).toContain(q.options[q.correct]);

    // the first answer counts: choosing again changes nothing
    choose(0, q.correct);
    await settle();
    expect(container.querySelector('.quiz__option--wrong')).not.toBeNull();

    choose(1, L.quiz[1].correct);
    await settle();
    expect(container.textContent).toContain('答对了！');
    expect(container.textContent).toContain(L.quiz[1].explanation);
    // the third question is still closed
    expect(container.textContent).not.toContain(L.quiz[2].explanation);
  });
});

describe('answers kept on the phone until the lesson is finished', () => {
  const feedbacks = (c: HTMLElement) => c.querySelectorAll('.quiz__feedback').length;

  it('leaving before 我学完了 loses nothing: the answers come back, and the first answer still counts', async () => {
    const first = await open();
    choose(0, wrongOf(L.quiz[0]));
    choose(1, L.quiz[1].correct);
    await settle();
    first.unmount();

    const again = await open();
    expect(feedbacks(again.container)).toBe(2);
    expect(again.container.textContent).toContain(`答错了，正确答案是：${L.quiz[0].options[L.quiz[0].correct]}`);
    choose(0, L.quiz[0].correct);
    await settle();
    expect(again.container.querySelector('.quiz__option--wrong')).not.toBeNull();
    again.unmount();

    // also when the lesson itself is no longer on the phone (the cloud's copy is shown)
    Taro.removeStorageSync(LESSON_CACHE_PREFIX + ID);
    const fresh = await open();
    expect(feedbacks(fresh.container)).toBe(2);
    L.quiz.forEach((q, i) => { if (i > 1) choose(i, q.correct); });
    completeMock.mockResolvedValue(answer());
    fireEvent.click(screen.getByText('我学完了'));
    await settle();
    expect(completeMock.mock.calls[0][1]).toEqual(L.quiz.map((q, i) => (i === 0 ? wrongOf(q) : q.correct)));
  });

  it('recorded: the kept answers go, and the lesson opens with a fresh quiz', async () => {
    completeMock.mockResolvedValue(answer());
    const first = await open();
    L.quiz.forEach((q, i) => choose(i, q.correct));
    await settle();
    expect(Object.keys(Taro.getStorageSync(ANSWERS_PREFIX + ID))).toHaveLength(L.quiz.length);
    fireEvent.click(screen.getByText('我学完了'));
    await settle();
    expect(Taro.getStorageSync(ANSWERS_PREFIX + ID)).toBe('');
    first.unmount();
    const again = await open();
    expect(feedbacks(again.container)).toBe(0);
  });

  it('queued for the network: the queue holds the answers, the kept copy goes', async () => {
    completeMock.mockRejectedValue(new ApiError('NETWORK'));
    await open();
    L.quiz.forEach((q, i) => choose(i, q.correct));
    await settle();
    expect(Object.keys(Taro.getStorageSync(ANSWERS_PREFIX + ID))).toHaveLength(L.quiz.length);
    fireEvent.click(screen.getByText('我学完了'));
    await settle();
    expect(queued()).toEqual([expect.objectContaining({ id: ID, answers: L.quiz.map((q) => q.correct) })]);
    expect(Taro.getStorageSync(ANSWERS_PREFIX + ID)).toBe('');
  });

  it('refused: the answers stay on the phone', async () => {
    completeMock.mockRejectedValue(new ApiError('FORBIDDEN', '只有学生可以记录完成课程。'));
    await open();
    L.quiz.forEach((q, i) => choose(i, q.correct));
    fireEvent.click(screen.getByText('我学完了'));
    await settle();
    expect(Object.keys(Taro.getStorageSync(ANSWERS_PREFIX + ID))).toHaveLength(L.quiz.length);
  });

  it('an answer kept for a question no longer in the lesson, or an option it no longer has, is not restored', async () => {
    Taro.setStorageSync(ANSWERS_PREFIX + ID, { gone: 0, [L.quiz[0].id]: 9, [L.quiz[1].id]: L.quiz[1].correct });
    const { container } = await open();
    expect(feedbacks(container)).toBe(1);
    expect(container.textContent).toContain(L.quiz[1].explanation);
  });
});

describe('completion', () => {
  const answerAll = async () => {
    L.quiz.forEach((q, i) => choose(i, i === 0 ? wrongOf(q) : q.correct));
    await settle();
  };

  it('is possible only once every question is answered, and is recorded for a student', async () => {
    completeMock.mockResolvedValue(answer({ rightCount: L.quiz.length - 1 }));
    const { container } = await open();
    expect(container.textContent).toContain('每道题都选一个答案后，就能完成');
    // disabled in its own solid style, dark words on light blue (taro-ui's 30 % fade left them white on light blue)
    const button = () => container.querySelector('.hh-button')!;
    expect(button().className).toContain('hh-button--off');
    await answerAll();
    expect(button().className).not.toContain('hh-button--off');
    fireEvent.click(screen.getByText('我学完了'));
    await settle();
    expect(completeMock).toHaveBeenCalledTimes(1);
    expect(completeMock.mock.calls[0][0]).toBe(ID);
    expect(completeMock.mock.calls[0][1]).toEqual(L.quiz.map((q, i) => (i === 0 ? wrongOf(q) : q.correct)));
    expect(container.textContent).toContain('你学完了这一课');
    expect(container.textContent).toContain(`答对 ${L.quiz.length - 1} / ${L.quiz.length} 题`);
    expect(container.textContent).toContain('已经记下');
    expect(Taro.getStorageSync(DONE_KEY)).toEqual([ID]);
  });

  it('done before: says it is not recorded twice', async () => {
    completeMock.mockResolvedValue(answer({ firstTime: false }));
    const { container } = await open();
    await answerAll();
    fireEvent.click(screen.getByText('我学完了'));
    await settle();
    expect(container.textContent).toContain('不会重复记录');
  });

  it('without network: kept on the phone with its request id, sent once when the network is back', async () => {
    completeMock.mockRejectedValue(new ApiError('NETWORK'));
    const { container } = await open();
    await answerAll();
    fireEvent.click(screen.getByText('我学完了'));
    await settle();
    expect(container.textContent).toContain('保存在手机上');
    expect(Taro.getStorageSync(DONE_KEY)).toEqual([ID]);
    const [waiting] = queued();
    expect(waiting).toMatchObject({ id: ID });
    const firstRequestId = completeMock.mock.calls[0][2];
    expect(waiting.requestId).toBe(firstRequestId);

    // still offline: stays
    await act(async () => { await flush(); });
    expect(queued()).toHaveLength(1);
    // back online: sent with the same request id, then gone; a second flush sends nothing
    completeMock.mockReset();
    completeMock.mockResolvedValue(answer({ firstTime: true }));
    await act(async () => { await flush(); });
    await act(async () => { await flush(); });
    expect(completeMock).toHaveBeenCalledTimes(1);
    expect(completeMock.mock.calls[0][2]).toBe(firstRequestId);
    expect(Taro.getStorageSync(COMPLETION_QUEUE_KEY)).toEqual([]);
  });

  it('known to be offline: 我学完了 is kept on the phone at once, without trying the network', async () => {
    const { knownOffline } = jest.requireMock('../../src/services/connectivity') as { knownOffline: jest.Mock };
    const { container } = await open();
    await answerAll();
    knownOffline.mockResolvedValue(true);
    try {
      fireEvent.click(screen.getByText('我学完了'));
      await settle();
    } finally {
      knownOffline.mockResolvedValue(false);
    }
    expect(completeMock).not.toHaveBeenCalled();
    expect(container.textContent).toContain('学完的记录已经保存在手机上');
    expect(queued()).toEqual([expect.objectContaining({ id: ID })]);
  });

  it('a guardian reading a parents\u2019 lesson is recorded (counted for the school), and thanked', async () => {
    asRoles([{ role: 'guardian', studentId: 'stu-simao-1' }]);
    const P = lesson('drowning.parent');
    getMock.mockResolvedValue(P);
    completeMock.mockResolvedValue(answer({ id: P.id, firstTime: true }));
    const { container } = await open(P.id);
    for (const [n, q] of P.quiz.entries()) {
      const el = screen.getAllByText(q.options[q.correct]).find((e) => e.closest('.quiz__question')?.textContent?.includes(q.text));
      fireEvent.click(el!);
      void n;
    }
    fireEvent.click(screen.getByText('我学完了'));
    await settle();
    expect(completeMock).toHaveBeenCalledWith(P.id, P.quiz.map((q) => q.correct), expect.any(String));
    expect(container.textContent).toContain('您读完了这一课');
    expect(container.textContent).toContain('已经记下您读完了这一课');
  });

  it('a refusal is shown and nothing is queued', async () => {
    completeMock.mockRejectedValue(new ApiError('FORBIDDEN', '只有学生可以记录完成课程。'));
    const { container } = await open();
    await answerAll();
    fireEvent.click(screen.getByText('我学完了'));
    await settle();
    expect(container.textContent).toContain('只有学生可以记录完成课程');
    expect(queued()).toHaveLength(0);
  });

  it('someone without a student account finishes without a record, and is told how to get one', async () => {
    asRoles([]);
    const { container } = await open();
    await answerAll();
    fireEvent.click(screen.getByText('我学完了'));
    await settle();
    expect(completeMock).not.toHaveBeenCalled();
    expect(container.textContent).toContain('你学完了这一课');
    expect(container.textContent).toContain('用学生邀请码登录后');
  });

  it('a guardian finishing the child’s version is not recorded, and is told to go through it with the child', async () => {
    asRoles([{ role: 'guardian', studentId: 'stu-simao-1' }]);
    const { container } = await open();
    await answerAll();
    fireEvent.click(screen.getByText('我学完了'));
    await settle();
    expect(completeMock).not.toHaveBeenCalled();
    expect(container.textContent).toContain('陪孩子一起');
  });
});

describe('offline reading', () => {
  it('a lesson opened once is kept on the phone and reads without network', async () => {
    const first = await open();
    expect(Taro.getStorageSync(LESSON_CACHE_PREFIX + ID)).toMatchObject({ lesson: { id: ID } });
    first.unmount();

    getMock.mockRejectedValue(new ApiError('NETWORK'));
    const { container } = await open();
    expect(container.textContent).toContain(L.intro);
    expect(container.textContent).toContain('没有网络，这是保存在手机上的一课');
  });

  it('a lesson never opened says there is no network and shows its own title, from the list kept on the phone', async () => {
    Taro.setStorageSync(`${LIST_KEY}.mine`, { bands: ['junior'], items: [{ id: 'traffic.junior', topic: 'traffic', band: 'junior', title: '过马路的学问', topicTitle: '交通安全', minutes: 5 }] });
    getMock.mockRejectedValue(new ApiError('NETWORK'));
    const { container } = await open('traffic.junior');
    expect(container.textContent).toContain('现在没有网络');
    expect(container.textContent).toContain('「过马路的学问」还没有保存在这台手机上');
    expect(container.textContent).toContain('重新加载');
    // the top bar names this lesson's topic, not the one read before (walk 18 #13)
    const titles = (Taro.setNavigationBarTitle as jest.Mock).mock.calls.map((c) => c[0].title);
    expect(titles[titles.length - 1]).toBe('交通安全');
  });
});

describe('elder mode', () => {
  const rootPx = (c: HTMLElement) => parseFloat((c.querySelector('.lesson') as HTMLElement).style.fontSize);

  it('大字 makes the text bigger and is remembered on this phone', async () => {
    const first = await open();
    const normal = rootPx(first.container);
    fireEvent.click(screen.getByText('大字：关'));
    await settle();
    expect(rootPx(first.container)).toBeGreaterThan(normal * 1.2);
    expect(Taro.getStorageSync(LARGE_TEXT_KEY)).toBe('on');
    first.unmount();

    const again = await open();
    expect(again.container.textContent).toContain('大字：开');
    expect(rootPx(again.container)).toBeGreaterThan(normal * 1.2);
  });

  it('follows WeChat’s font size: a large setting starts in 大字 and sets the base size', async () => {
    (Taro as any).getSystemInfoSync = () => ({ fontSizeSetting: 22 });
    const { container } = await open();
    expect(container.textContent).toContain('大字：开');
    expect(rootPx(container)).toBe(Math.round(22 * 1.3));
    fireEvent.click(screen.getByText('大字：开'));
    await settle();
    expect(rootPx(container)).toBe(22);
  });

  it('hides 朗读 where there is no speech, shows it where the speech plugin is present', async () => {
    const plain = await open();
    expect(plain.container.textContent).not.toContain('朗读这一课');
    plain.unmount();

    const textToSpeech = jest.fn();
    (globalThis as any).requirePlugin = (name: string) => (name === 'WechatSI' ? { textToSpeech } : undefined);
    (Taro as any).createInnerAudioContext = () => ({});
    try {
      await open();
      fireEvent.click(screen.getByText('朗读这一课'));
      expect(textToSpeech).toHaveBeenCalled();
      expect(textToSpeech.mock.calls[0][0].content).toContain(L.title);
      expect(screen.getByText('停止朗读')).toBeTruthy();
      // the plugin cannot read (most often the network): a toast says so and the button comes back (walk 18 #11)
      (Taro.showToast as jest.Mock).mockClear();
      act(() => textToSpeech.mock.calls[0][0].fail());
      expect((Taro.showToast as jest.Mock).mock.calls[0][0].title).toBe(CANNOT_READ_NOW);
      expect(screen.getByText('朗读这一课')).toBeTruthy();
    } finally {
      delete (Taro as any).createInnerAudioContext;
    }
  });
});
