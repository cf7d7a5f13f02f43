/**
 * "什么时候发生的": each answer goes to the server as its best single instant
 * (occurredAt, as before) together with how sure it is (occurredPrecision),
 * and the review shows the reporter how vague answers will read to the
 * units — never as a time nobody named. The staff's 强制报告 shares the form.
 *
 * The clock is fixed at 28 November 2026, 16:00 on the machine; the form
 * works in the phone's zone, so times here are built the same way.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { runInAction } from 'mobx';
import Taro from '@tarojs/taro';
import { reportInput } from '../../src/cloud/handlers/report/schema';
import SubmitPage from '../../src/packageReport/pages/submit/index';
import { write } from '../../src/services/api';
import type { ReportForm } from '../../src/services/report';
import { catalogStore } from '../../src/stores/catalog';
import { ReportFormStore, dayString, daysAgo } from '../../src/stores/reportForm';
import { reportQueue } from '../../src/stores/reportQueue';
import { reportReceipt } from '../../src/stores/reportReceipt';
import { catalogAnswer, tap, tapClass, typeInto } from './reportFixtures';

jest.mock('../../src/services/api', () => ({
  ...jest.requireActual('../../src/services/api'),
  write: jest.fn(),
  call: jest.fn(),
}));
jest.mock('../../src/services/catalog', () => ({
  getCatalog: jest.fn(async () => jest.requireActual('./reportFixtures').catalogAnswer()),
}));
jest.mock('../../src/services/upload', () => ({ choosePhotos: jest.fn(async () => []), uploadPhoto: jest.fn() }));
jest.mock('../../src/services/leaveGuard', () => ({ guardLeaving: jest.fn() }));

const writeMock = write as jest.MockedFunction<typeof write>;
const ANSWER = { trackingCode: 'K7QH-M3XP-9R', secret: 'ABCD-EFGH', priority: 'P3', routedTo: ['思茅区委网信办'], dueAt: 1 };

const NOW = new Date(2026, 10, 28, 16, 0);
/** A local time on a day some days before NOW, as the form makes it. */
const localAt = (daysBefore: number, hour: number) => {
  const d = daysAgo(daysBefore, NOW);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate(), hour).toISOString();
};

beforeEach(() => {
  // Only Date is fixed: Taro's components and testing-library keep real timers.
  jest.useFakeTimers({
    now: NOW,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame',
      'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
  jest.clearAllMocks();
  Taro.clearStorageSync();
  runInAction(() => {
    catalogStore.catalog = null;
    catalogStore.error = null;
    reportReceipt.answers = [];
    reportQueue.items = [];
  });
});
afterEach(() => {
  jest.useRealTimers();
});

/** An online report outside school, up to the "when" question. */
async function openWhen(container: HTMLElement) {
  await screen.findByText('👊 欺凌、校园暴力');
  tapClass(container, 'hh-report-category--online');
  tap('下一步');
  tapClass(container, 'hh-report-place-mode--elsewhere');
  tapClass(container, 'hh-report-county--simao');
  await typeInto(container, 'hh-report-place', '班级微信群');
  tap('下一步');
  await screen.findByText('事情是什么时候发生的？');
}

/** From the "when" question to 提交: what the review said for the time, and the form that was sent. */
async function reviewAndSend(container: HTMLElement) {
  tap('下一步');
  await screen.findByText('请说说发生了什么');
  await typeInto(container, 'hh-report-description', '有人在群里一直发别的同学的丑照，还骂人。');
  tap('下一步'); // → photos
  tap('下一步'); // → relation
  tap('下一步'); // → review
  await screen.findByText('检查一下，没问题就提交');
  const row = Array.from(container.querySelectorAll('.hh-review__row')).find((r) => r.textContent?.includes('什么时候'));
  const review = row?.querySelector('.hh-review__value')?.textContent ?? '';
  writeMock.mockResolvedValueOnce(ANSWER);
  tap('提交');
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalled());
  expect(writeMock).toHaveBeenCalledTimes(1);
  expect(writeMock.mock.calls[0][0]).toBe('report.submit');
  const sent = writeMock.mock.calls[0][1] as ReportForm;
  // Whatever the answer, the server's own schema takes what the form sends.
  expect(reportInput.safeParse(sent).success).toBe(true);
  return { review, sent };
}

/** Fires the date picker's change, as the picker does when a day is chosen. */
function pickDate(container: HTMLElement, day: string) {
  const picker = container.querySelector('.hh-report-date')?.closest('taro-picker-core');
  if (!picker) throw new Error('no date picker');
  fireEvent(picker, new CustomEvent('change', { detail: { value: day } }));
}

interface Choice {
  name: string;
  answer: (container: HTMLElement) => void;
  precision: ReportForm['occurredPrecision'];
  occurredAt: string | undefined;
  /** the reporter's own words on the review */
  says: string;
  /** the start of how the units will read it, when a time is sent */
  handlerSees?: string;
}

const CHOICES: Choice[] = [
  {
    name: '刚刚: the moment of sending, exact',
    answer: (c) => tapClass(c, 'hh-report-when--now'),
    precision: 'exact', occurredAt: NOW.toISOString(), says: '刚刚', handlerSees: '处理人员看到的是：2026年11月',
  },
  {
    name: '今天, no part of the day: midday, a day without a time',
    answer: (c) => tapClass(c, 'hh-report-when--today'),
    precision: 'day', occurredAt: localAt(0, 12), says: '今天', handlerSees: '（具体时间不清楚）',
  },
  {
    name: '今天下午: a part of the day',
    answer: (c) => { tapClass(c, 'hh-report-when--today'); tapClass(c, 'hh-report-daypart--afternoon'); },
    precision: 'daypart', occurredAt: localAt(0, 15), says: '今天下午',
  },
  {
    name: '昨天晚上: a part of the day',
    answer: (c) => { tapClass(c, 'hh-report-when--yesterday'); tapClass(c, 'hh-report-daypart--evening'); },
    precision: 'daypart', occurredAt: localAt(1, 20), says: '昨天晚上',
  },
  {
    name: '昨天, 不确定 when: a day without a time',
    answer: (c) => { tapClass(c, 'hh-report-when--yesterday'); tapClass(c, 'hh-report-daypart--unknown'); },
    precision: 'day', occurredAt: localAt(1, 12), says: '昨天', handlerSees: '（具体时间不清楚）',
  },
  {
    name: '这几天, the day the form offers first: a few days, however sure the day looks',
    answer: (c) => tapClass(c, 'hh-report-when--days'),
    precision: 'days', occurredAt: localAt(2, 12), says: '这几天，大约', handlerSees: '处理人员看到的是：最近几天（',
  },
  {
    name: '这几天, another day and 上午: still a few days',
    answer: (c) => {
      tapClass(c, 'hh-report-when--days');
      fireEvent.click(c.querySelectorAll('.hh-report-day')[2]); // four days ago
      tapClass(c, 'hh-report-daypart--morning');
    },
    precision: 'days', occurredAt: localAt(4, 9), says: '这几天，大约', handlerSees: '处理人员看到的是：最近几天（',
  },
  {
    name: '更早, a day from the calendar: earlier, the day a rough one',
    answer: (c) => { tapClass(c, 'hh-report-when--earlier'); pickDate(c, dayString(daysAgo(30, NOW))); },
    precision: 'earlier', occurredAt: localAt(30, 12), says: '更早，大约', handlerSees: '处理人员看到的是：更早以前（大约',
  },
  {
    name: '不记得了: no time, and the answer itself is sent (and the review says 不记得了, not 没有说)',
    answer: (c) => tapClass(c, 'hh-report-when--unknown'),
    precision: 'unknown', occurredAt: undefined, says: '不记得了',
  },
  {
    name: 'the question skipped: neither is sent',
    answer: () => undefined,
    precision: undefined, occurredAt: undefined, says: '没有说',
  },
];

describe('the form sends how sure the reporter is of the time', () => {
  it.each(CHOICES.map((c) => [c.name, c] as const))('%s', async (_name, choice) => {
    const { container } = render(<SubmitPage />);
    await openWhen(container);
    choice.answer(container);
    const { review, sent } = await reviewAndSend(container);

    expect(sent.occurredPrecision).toBe(choice.precision);
    expect(sent.occurredAt).toBe(choice.occurredAt);
    if (choice.precision === undefined) expect(sent).not.toHaveProperty('occurredPrecision');
    if (choice.occurredAt === undefined) expect(sent).not.toHaveProperty('occurredAt');

    expect(review).toContain(choice.says);
    if (choice.occurredAt) {
      expect(review).toContain('处理人员看到的是：');
      if (choice.handlerSees) expect(review).toContain(choice.handlerSees);
      // Only a time the reporter gave is shown with hours and minutes.
      if (choice.precision !== 'exact') expect(review.split('处理人员看到的是：')[1]).not.toMatch(/\d{1,2}:\d{2}/);
    } else {
      expect(review).not.toContain('处理人员看到的是');
    }
  });
});

describe('强制报告 (the same form, named)', () => {
  it('sends the precision with report.mandatory too', async () => {
    const form = new ReportFormStore('mandatory');
    form.setCategories(catalogAnswer().categories as never);
    form.chooseCategory('online');
    form.chooseWhen('days', NOW);
    form.setDescription('有人在群里一直发别的同学的丑照，还骂人。');
    writeMock.mockResolvedValueOnce({ caseId: 'c1', caseNumber: '20261128-ABCDEF', priority: 'P3', routedTo: [], dueAt: 1 });

    expect(await form.submitNamed(NOW)).not.toBeNull();
    expect(writeMock.mock.calls[0][0]).toBe('report.mandatory');
    const sent = writeMock.mock.calls[0][1] as ReportForm;
    expect(sent).toMatchObject({ occurredPrecision: 'days', occurredAt: localAt(2, 12) });
    expect(reportInput.safeParse(sent).success).toBe(true);
  });
});
