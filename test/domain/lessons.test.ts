/**
 * Lesson rules (issue 8): band by grade, the season in China time, quiz
 * grading. Expectations are written out by hand; the boundary instants are
 * ones whose China date differs from their UTC date (CI runs in UTC), so an
 * implementation that read the machine's zone fails them.
 */
import {
  bandFromGrade,
  gradeQuiz,
  orderBySeason,
  seasonReason,
  todaysTopic,
  topicsInOrder,
} from '../../src/domain/lessons';
import { LESSON_TOPICS } from '../../src/content/lessons/topics';

describe('bandFromGrade', () => {
  it.each([
    [1, 'primary_lower'], [2, 'primary_lower'], [3, 'primary_lower'],
    [4, 'primary_upper'], [5, 'primary_upper'], [6, 'primary_upper'],
    [7, 'junior'], [8, 'junior'], [9, 'junior'],
    [10, 'senior'], [11, 'senior'], [12, 'senior'],
  ])('grade %i reads %s', (grade, band) => {
    expect(bandFromGrade(grade)).toBe(band);
  });

  it.each([[0], [13], [-1], [3.5], [NaN], [null], [undefined]])('%p has no band', (grade) => {
    expect(bandFromGrade(grade as number)).toBeUndefined();
  });
});

/** The topic the list puts first, and every topic in season, for an instant. */
const firstTopics = (iso: string) => {
  const at = new Date(iso);
  return topicsInOrder(LESSON_TOPICS, at).filter((t) => seasonReason(LESSON_TOPICS, t.id, at)).map((t) => t.id);
};

describe('season, China time', () => {
  // Month by month, mid-month China noon: which topics the season puts on top (plan order).
  it.each([
    ['2026-01-15T04:00:00Z', ['fire']],
    ['2026-02-15T04:00:00Z', ['fire']],
    ['2026-03-15T04:00:00Z', []],
    ['2026-04-15T04:00:00Z', []],
    ['2026-05-15T04:00:00Z', ['drowning', 'disaster']],
    ['2026-06-15T04:00:00Z', ['drowning', 'disaster']],
    ['2026-07-15T04:00:00Z', ['drowning', 'disaster']],
    ['2026-08-15T04:00:00Z', ['drowning', 'disaster']],
    ['2026-09-15T04:00:00Z', ['drowning', 'disaster']],
    ['2026-10-15T04:00:00Z', ['disaster']],
    ['2026-11-15T04:00:00Z', ['fire']],
    ['2026-12-15T04:00:00Z', ['fire']],
  ])('%s: %p first', (iso, expected) => {
    expect(firstTopics(iso)).toEqual(expected);
    expect(topicsInOrder(LESSON_TOPICS, new Date(iso)).slice(0, expected.length).map((t) => t.id)).toEqual(expected);
    expect(topicsInOrder(LESSON_TOPICS, new Date(iso))).toHaveLength(14);
  });

  it.each([
    // UTC 30 April 16:30 = China 1 May 00:30: drowning and Yunnan's rainy season (May-October) have begun
    ['2026-04-30T16:30:00Z', ['drowning', 'disaster']],
    // UTC 30 April 15:59 = China 30 April 23:59: not yet
    ['2026-04-30T15:59:00Z', []],
    // UTC 30 September 16:30 = China 1 October: drowning over, rainy season still on
    ['2026-09-30T16:30:00Z', ['disaster']],
    // UTC 31 October 16:00 = China 1 November: rainy season over, fire season begun
    ['2026-10-31T16:00:00Z', ['fire']],
    // UTC 28 February 16:00 = China 1 March: fire season over
    ['2026-02-28T16:00:00Z', []],
    // UTC 31 May 16:00 = China 1 June: both still on
    ['2026-05-31T16:00:00Z', ['drowning', 'disaster']],
    // UTC 31 December 16:00 = China 1 January next year: still fire season across the year end
    ['2026-12-31T16:00:00Z', ['fire']],
  ])('at %s (China date differs from UTC) the China date decides: %p', (iso, expected) => {
    expect(firstTopics(iso)).toEqual(expected);
  });

  it('orders any topic-tagged items by season, keeping the order within a topic', () => {
    const items = [
      { topic: 'traffic', id: 'traffic.parent' },
      { topic: 'fire', id: 'fire.parent' },
      { topic: 'drowning', id: 'drowning.parent' },
      { topic: 'drowning', id: 'drowning.junior' },
      { topic: 'disaster', id: 'disaster.junior' },
    ];
    // China 1 July
    expect(orderBySeason(LESSON_TOPICS, items, new Date('2026-06-30T16:00:00Z')).map((i) => i.id)).toEqual([
      'drowning.parent', 'drowning.junior', 'disaster.junior', 'traffic.parent', 'fire.parent',
    ]);
    // China 1 December
    expect(orderBySeason(LESSON_TOPICS, items, new Date('2026-11-30T16:00:00Z')).map((i) => i.id)).toEqual([
      'fire.parent', 'drowning.parent', 'drowning.junior', 'traffic.parent', 'disaster.junior',
    ]);
  });

  it("today's topic: the seasonal one, else one a China calendar day", () => {
    expect(todaysTopic(LESSON_TOPICS, new Date('2026-04-30T16:30:00Z'))).toMatchObject({ seasonal: true, topic: { id: 'drowning' } });
    const a = todaysTopic(LESSON_TOPICS, new Date('2026-04-10T01:00:00Z'));
    const sameChinaDay = todaysTopic(LESSON_TOPICS, new Date('2026-04-10T15:59:00Z'));
    const nextChinaDay = todaysTopic(LESSON_TOPICS, new Date('2026-04-10T16:00:00Z'));
    expect(a.seasonal).toBe(false);
    expect(sameChinaDay.topic.id).toBe(a.topic.id);
    expect(nextChinaDay.topic.id).not.toBe(a.topic.id);
  });
});

describe('gradeQuiz', () => {
  const quiz = [{ id: 'q1', correct: 1 }, { id: 'q2', correct: 0 }, { id: 'q3', correct: 2 }];
  it('says which answers were right', () => {
    expect(gradeQuiz(quiz, [1, 2, 2])).toEqual({
      answers: [
        { questionId: 'q1', chosen: 1, correct: 1, right: true },
        { questionId: 'q2', chosen: 2, correct: 0, right: false },
        { questionId: 'q3', chosen: 2, correct: 2, right: true },
      ],
      rightCount: 2,
      total: 3,
    });
  });
  it('all wrong is graded, not refused', () => {
    expect(gradeQuiz(quiz, [0, 1, 0]).rightCount).toBe(0);
  });
});
