import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import LessonsPage from '../../src/pages/lessons/index';
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
    expect(topicsInOrder(chinaTime('2025-05-01T00:05:00'))[0].title).toBe('防溺水');
    expect(todaysTopic(chinaTime('2025-09-30T23:55:00'))).toMatchObject({ seasonal: true, topic: { id: 'drowning' } });
  });

  it('uses the China date at the month boundary, not the machine clock', () => {
    // 2025-09-30 16:30 UTC is already 1 October in China: drowning season is over.
    const oct1 = new Date('2025-09-30T16:30:00Z');
    expect(todaysTopic(oct1).topic.id).not.toBe('drowning');
    // 2025-04-30 16:30 UTC is already 1 May in China: the season has begun.
    expect(todaysTopic(new Date('2025-04-30T16:30:00Z')).topic.id).toBe('drowning');
  });

  it('outside any season, still offers one lesson a day and lists all fourteen', () => {
    const april = chinaTime('2025-04-10T09:00:00');
    expect(todaysTopic(april).seasonal).toBe(false);
    expect(topicsInOrder(april)).toHaveLength(14);
    expect(todaysTopic(april).topic.id).not.toBe(todaysTopic(chinaTime('2025-04-11T09:00:00')).topic.id);
  });
});

describe('课程 tab', () => {
  it('lists every topic, says content is coming, and opens the lesson page with its id', () => {
    const { container } = render(<LessonsPage />);
    for (const t of LESSON_TOPICS) expect(container.textContent).toContain(t.title);
    expect(container.textContent).toContain('课程内容正在准备中');
    fireEvent.click(screen.getByText('网络安全与防沉迷'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packageLessons/pages/lesson/index?id=online' });
  });
});
