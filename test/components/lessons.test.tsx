import { act, fireEvent, render, screen } from '@testing-library/react';
import { runInAction } from 'mobx';
import Taro from '@tarojs/taro';
import LessonsPage from '../../src/pages/lessons/index';
import { call } from '../../src/services/api';
import { ApiError } from '../../src/services/errors';
import { DONE_KEY, lessonList, type LessonList, type LessonListItem } from '../../src/stores/lessonList';
import { sessionStore } from '../../src/stores/session';

jest.mock('../../src/services/api', () => ({ ...jest.requireActual('../../src/services/api'), call: jest.fn() }));
const callMock = call as jest.MockedFunction<typeof call>;
import { LESSON_TOPICS } from '../../src/content/lessons/topics';
import { todaysTopic, topicsInOrder } from '../../src/domain/lessons';

const chinaTime = (iso: string) => new Date(`${iso}+08:00`);

describe('lesson topics and the season', () => {
  it('has the fourteen topics of the plan', () => {
    expect(LESSON_TOPICS.map((t) => t.title)).toEqual([
      '防溺水', '交通安全', '消防安全', '食品安全', '公共安全', '反恐防暴', '防校园欺凌', '防性侵', '防诈骗与校园贷',
      '网络安全与防沉迷', '防邪教', '心理健康', '自然灾害', '法治',
    ]);
  });

  it('puts drowning first from May to September, China time', () => {
    expect(topicsInOrder(LESSON_TOPICS, chinaTime('2025-05-01T00:05:00'))[0].title).toBe('防溺水');
    expect(todaysTopic(LESSON_TOPICS, chinaTime('2025-09-30T23:55:00'))).toMatchObject({ seasonal: true, topic: { id: 'drowning' } });
  });

  it('uses the China date at the month boundary, not the machine clock', () => {
    // 2025-09-30 16:30 UTC is already 1 October in China: drowning season is over.
    const oct1 = new Date('2025-09-30T16:30:00Z');
    expect(todaysTopic(LESSON_TOPICS, oct1).topic.id).not.toBe('drowning');
    // 2025-04-30 16:30 UTC is already 1 May in China: the season has begun.
    expect(todaysTopic(LESSON_TOPICS, new Date('2025-04-30T16:30:00Z')).topic.id).toBe('drowning');
  });

  it('outside any season, still offers one lesson a day and lists all fourteen', () => {
    const april = chinaTime('2025-04-10T09:00:00');
    expect(todaysTopic(LESSON_TOPICS, april).seasonal).toBe(false);
    expect(topicsInOrder(LESSON_TOPICS, april)).toHaveLength(14);
    expect(todaysTopic(LESSON_TOPICS, april).topic.id).not.toBe(todaysTopic(LESSON_TOPICS, chinaTime('2025-04-11T09:00:00')).topic.id);
  });
});

const item = (id: string, over: Partial<LessonListItem> = {}): LessonListItem => {
  const [topic, band] = id.split('.');
  const t = LESSON_TOPICS.find((x) => x.id === topic)!;
  return { id, topic, band: band as LessonListItem['band'], topicTitle: t.title, title: `${t.title}的一课`, minutes: 3, ...over };
};

const settle = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });

function answerList(list: LessonList) {
  callMock.mockImplementation(async (action: string) => {
    if (action === 'lesson.list') return list as never;
    throw new ApiError('NOT_FOUND');
  });
}

async function show() {
  const view = render(<LessonsPage />);
  await settle();
  return view;
}

describe('课程 tab', () => {
  beforeEach(() => {
    jest.clearAllMocks();
    Taro.clearStorageSync();
    runInAction(() => {
      sessionStore.roles = [{ role: 'student', studentId: 'stu-simao-1' }];
      sessionStore.loaded = true;
      lessonList.items = [];
      lessonList.picked = null;
    });
  });

  it('lists my band from lesson.list, season first with its badge, done marks and progress; opens a lesson by id', async () => {
    answerList({
      bands: ['junior'],
      items: [
        item('drowning.junior', { season: '5月到9月天气热' }),
        item('traffic.junior', { done: 'me' }),
        item('fire.junior', { done: 'class' }),
        item('food.junior'),
      ],
    });
    Taro.setStorageSync(DONE_KEY, ['food.junior']); // finished on this phone, still waiting for the network
    const { container } = await show();
    expect(callMock).toHaveBeenCalledWith('lesson.list', {});
    const text = container.textContent!;
    expect(text).toContain('初中 · 已学完 3 / 4 课');
    expect(text.indexOf('防溺水')).toBeLessThan(text.indexOf('交通安全'));
    expect(container.querySelectorAll('.lessons__badge')).toHaveLength(1);
    expect(text).toContain('已在课堂上一起学过');
    expect(container.querySelectorAll('.lessons__item--done')).toHaveLength(3);
    fireEvent.click(screen.getByText('交通安全'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packageLessons/pages/lesson/index?id=traffic.junior' });
    // titles only: no lesson text module in the tab
    expect(text).not.toContain('小测验');
  });

  it('a guardian sees the parents’ lessons and the child’s, in two groups', async () => {
    answerList({ bands: ['parent', 'junior'], items: [item('drowning.parent'), item('drowning.junior')] });
    const { container } = await show();
    expect(container.textContent).toContain('给家长的课');
    expect(container.textContent).toContain('孩子的课（初中）');
  });

  it('another band on request, and back to 适合我的 (not 我的, the name of the tab below)', async () => {
    answerList({ bands: ['senior'], items: [item('drowning.senior')] });
    const { container } = await show();
    const chips = () => Array.from(container.querySelectorAll('.lessons__band')).map((c) => c.textContent);
    expect(chips()[0]).toBe('适合我的');
    expect(chips()).not.toContain('我的');
    fireEvent.click(screen.getByText('高中'));
    await settle();
    expect(callMock).toHaveBeenLastCalledWith('lesson.list', { band: 'senior' });
    fireEvent.click(screen.getByText('适合我的'));
    await settle();
    expect(callMock).toHaveBeenLastCalledWith('lesson.list', {});
  });

  it('without network: the list kept on the phone, said so; never loaded: an error with 重新加载', async () => {
    answerList({ bands: ['junior'], items: [item('drowning.junior')] });
    (await show()).unmount();
    callMock.mockRejectedValue(new ApiError('NETWORK'));
    runInAction(() => { lessonList.items = []; });
    const kept = await show();
    expect(kept.container.textContent).toContain('上次保存的课程列表');
    expect(kept.container.textContent).toContain('防溺水');
    kept.unmount();

    Taro.clearStorageSync();
    runInAction(() => { lessonList.items = []; });
    const none = await show();
    expect(none.container.textContent).toContain('课程没有加载出来');
    expect(none.container.textContent).toContain('网络连接不上');
  });

  it('on a slow network the kept list shows at once, not a spinner, while the fresh one is still coming', async () => {
    answerList({ bands: ['junior'], items: [item('drowning.junior')] });
    (await show()).unmount();
    let answer: (v: never) => void = () => undefined;
    callMock.mockImplementation(() => new Promise((resolve) => { answer = resolve as never; }));
    runInAction(() => { lessonList.items = []; });
    const page = render(<LessonsPage />);
    await settle();
    expect(page.container.textContent).toContain('防溺水');
    expect(page.container.textContent).not.toContain('正在加载课程');
    await act(async () => { answer({ bands: ['junior'], items: [item('drowning.junior'), item('traffic.junior')] } as never); });
    await settle();
    expect(page.container.textContent).toContain('交通安全');
    page.unmount();
  });

  it('a class teacher gets a way to the class page', async () => {
    runInAction(() => { sessionStore.roles = [{ role: 'class_teacher', classId: 'cls-simao-1-8-2' }]; });
    answerList({ bands: ['junior'], items: [item('drowning.junior')] });
    await show();
    fireEvent.click(screen.getByText('查看本班'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packageLessons/pages/class/index' });
  });
});
