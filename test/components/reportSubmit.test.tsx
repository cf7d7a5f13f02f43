/**
 * 我要举报, the anonymous form: one question per screen, instant checks with
 * the server's limits, the review screen, and exactly one report (one
 * request id) however often 提交 is pressed. No network after every retry:
 * the report waits in the offline queue instead of being lost.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { runInAction } from 'mobx';
import Taro from '@tarojs/taro';
import { reportInput } from '../../src/cloud/handlers/report/schema';
import SubmitPage from '../../src/packageReport/pages/submit/index';
import { write } from '../../src/services/api';
import { guardLeaving } from '../../src/services/leaveGuard';
import { ApiError } from '../../src/services/errors';
import { REPORT_LIMITS, type ReportForm } from '../../src/services/report';
import { catalogStore } from '../../src/stores/catalog';
import { QUEUE_KEY, reportQueue } from '../../src/stores/reportQueue';
import { reportReceipt } from '../../src/stores/reportReceipt';
import { SIMAO_SCHOOL } from '../fixtures/reports';
import { tap, tapClass, typeInto } from './reportFixtures';

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
const ANSWER = { trackingCode: 'K7QH-M3XP-9R', secret: 'ABCD-EFGH', priority: 'P2', routedTo: ['思茅第一中学', '思茅区教育体育局'], dueAt: 1 };

async function renderForm() {
  const utils = render(<SubmitPage />);
  await screen.findByText('👊 欺凌、校园暴力');
  return utils;
}

const stepText = (container: HTMLElement) => container.querySelector('.hh-report-progress')?.textContent;

/** From the description step on: a valid description, no photos, then to the review. */
async function describeAndReview(container: HTMLElement, description: string) {
  await typeInto(container, 'hh-report-description', description);
  tap('下一步'); // → photos
  tap('下一步'); // → relation
  tapClass(container, 'hh-report-relation--victim');
  tap('下一步'); // → review
  await screen.findByText('检查一下，没问题就提交');
}

beforeEach(() => {
  jest.clearAllMocks();
  Taro.clearStorageSync();
  runInAction(() => {
    catalogStore.catalog = null;
    catalogStore.error = null;
    reportReceipt.answers = [];
    reportQueue.items = [];
  });
});

describe('我要举报: a category with follow-up questions, all the way to one report', () => {
  it('walks bullying through its questions to the review and sends one report.submit with one request id across a retry', async () => {
    const { container } = await renderForm();
    // Until a category is chosen the number of steps is not known: no total that would jump from 7 to 8.
    expect(stepText(container)).toBe('第1步');
    tapClass(container, 'hh-report-category--bullying');
    expect(stepText(container)).toBe('第1步/共8步');

    tapClass(container, 'hh-report-category--bullying');
    tap('下一步');
    expect(await screen.findByText('再回答几个小问题')).toBeTruthy();
    expect(stepText(container)).toBe('第2步/共8步');
    // Each follow-up question of the category, in the vocabulary's words.
    for (const q of ['有没有人受伤？', '有没有用刀、棍子、砖头这类东西？', '有没有逼着要钱，或者抢东西？']) expect(container.textContent).toContain(q);

    tap('下一步');
    expect(await screen.findByText('请回答每个问题。不清楚的话，选“不知道”。')).toBeTruthy();
    tapClass(container, 'hh-report-flag--injury-yes');
    tapClass(container, 'hh-report-flag--weapon-no');
    tapClass(container, 'hh-report-flag--extortion-unknown');
    tap('下一步');

    expect(await screen.findByText('事情发生在哪里？')).toBeTruthy();
    tapClass(container, 'hh-report-place-mode--school');
    tapClass(container, 'hh-report-county--simao');
    tapClass(container, `hh-report-school--${SIMAO_SCHOOL}`);
    tap('下一步');

    expect(await screen.findByText('事情是什么时候发生的？')).toBeTruthy();
    tapClass(container, 'hh-report-when--now');
    tap('下一步');

    expect(await screen.findByText('请说说发生了什么')).toBeTruthy();
    await describeAndReview(container, '  高年级的同学天天在厕所门口堵我，抢我的零花钱。  ');

    // The review shows everything before it is sent.
    const review = container.textContent ?? '';
    expect(review).toContain('欺凌、校园暴力');
    expect(review).toContain('有没有人受伤？ 有');
    expect(review).toContain('有没有用刀、棍子、砖头这类东西？ 没有');
    expect(review).toContain('有没有逼着要钱，或者抢东西？ 不知道');
    expect(review).toContain('思茅区');
    expect(review).toContain('刚刚');
    expect(review).toContain('高年级的同学天天在厕所门口堵我');
    expect(review).toContain('这件事发生在我身上');
    expect(writeMock).not.toHaveBeenCalled();

    writeMock.mockRejectedValueOnce(new ApiError('INTERNAL', '服务器开小差了，您的内容没有丢失，请稍后再试。'));
    tap('提交');
    expect(await screen.findByText('服务器开小差了，您的内容没有丢失，请稍后再试。')).toBeTruthy();
    expect(Taro.redirectTo).not.toHaveBeenCalled();

    writeMock.mockResolvedValueOnce(ANSWER);
    tap('再提交一次');
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packageReport/pages/done/index' }));

    expect(writeMock).toHaveBeenCalledTimes(2);
    const [first, second] = writeMock.mock.calls;
    expect(first[0]).toBe('report.submit');
    expect(second[0]).toBe('report.submit');
    const firstId = first[2]?.requestId;
    expect(firstId).toMatch(/^[A-Za-z0-9_-]{16,32}$/);
    expect(second[2]?.requestId).toBe(firstId);
    // The very same body both times: the server answers a repeat only if it matches.
    expect(second[1]).toEqual(first[1]);
    const sent = first[1] as ReportForm;
    expect(sent).toMatchObject({
      category: 'bullying',
      description: '高年级的同学天天在厕所门口堵我，抢我的零花钱。',
      schoolId: SIMAO_SCHOOL,
      relation: 'victim',
      flags: { injury: true, weapon: false },
    });
    expect(sent.flags).not.toHaveProperty('extortion'); // 不知道 is not sent as yes or no
    expect(sent).not.toHaveProperty('countyId');
    expect(Number.isNaN(Date.parse(sent.occurredAt ?? ''))).toBe(false);
    // The answer goes to the done page through memory, never a URL.
    expect(reportReceipt.answers).toEqual([ANSWER]);
  });

  it('a dangerous-water report cannot go on without saying what kind of water it is', async () => {
    const { container } = await renderForm();
    tapClass(container, 'hh-report-category--dangerous_water');
    tap('下一步');
    expect(await screen.findByText('是哪一种水域？')).toBeTruthy();
    expect(container.textContent).toContain('坝塘（村里拦水的塘子）');

    tap('下一步');
    expect(await screen.findByText(/请选择是哪一种水域/)).toBeTruthy();
    expect(stepText(container)).toBe('第2步/共8步');

    tapClass(container, 'hh-report-water--fish_pond');
    tap('下一步');
    expect(await screen.findByText('事情发生在哪里？')).toBeTruthy();
    expect(stepText(container)).toBe('第3步/共8步');
  });

  it('a category without follow-ups skips that screen: seven steps in all', async () => {
    const { container } = await renderForm();
    tapClass(container, 'hh-report-category--online');
    tap('下一步');
    expect(await screen.findByText('事情发生在哪里？')).toBeTruthy();
    expect(stepText(container)).toBe('第2步/共7步');
  });

  it('brings the school list into view once a county is chosen', async () => {
    const { container } = await renderForm();
    tapClass(container, 'hh-report-category--online');
    tap('下一步');
    tapClass(container, 'hh-report-place-mode--school');
    (Taro.pageScrollTo as jest.Mock).mockClear();
    tapClass(container, 'hh-report-county--simao');
    await waitFor(() => expect(Taro.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '.hh-report-schools' })));
  });

  it('outside school it asks for the county and the place in words', async () => {
    const { container } = await renderForm();
    tapClass(container, 'hh-report-category--online');
    tap('下一步');
    tapClass(container, 'hh-report-place-mode--elsewhere');
    tap('下一步');
    expect(await screen.findByText('请选择在哪个县（区）。')).toBeTruthy();
    tapClass(container, 'hh-report-county--lancang');
    tap('下一步');
    expect(await screen.findByText(/请写一下具体在哪里/)).toBeTruthy();
    await typeInto(container, 'hh-report-place', '县城网吧旁边的群');
    tap('下一步');
    expect(await screen.findByText('事情是什么时候发生的？')).toBeTruthy();
  });
});

describe('修改 from the review', () => {
  it('starts each question at its top, and 改好了 goes straight back to the review through any question the change brings', async () => {
    const { container } = await renderForm();
    tapClass(container, 'hh-report-category--online');
    tap('下一步');
    // 下一步 is pressed at the bottom of a long list: the next question is shown from its top.
    await waitFor(() => expect(Taro.pageScrollTo).toHaveBeenCalledWith({ scrollTop: 0, duration: 0 }));
    tapClass(container, 'hh-report-place-mode--elsewhere');
    tapClass(container, 'hh-report-county--simao');
    await typeInto(container, 'hh-report-place', '班级微信群');
    tap('下一步');
    tap('下一步');
    await screen.findByText('请说说发生了什么');
    await describeAndReview(container, '有人在群里一直发别的同学的丑照，还骂人。');

    tapClass(container, 'hh-report-edit--category');
    expect(await screen.findByText('发生了什么事？')).toBeTruthy();
    tapClass(container, 'hh-report-category--dangerous_water');
    tap('改好了，去提交');
    // The new category asks which water: that question opens first, saying what it needs.
    expect(await screen.findByText('是哪一种水域？')).toBeTruthy();
    expect(screen.getByText(/请选择是哪一种水域/)).toBeTruthy();
    tapClass(container, 'hh-report-water--river');
    tap('改好了，去提交');

    expect(await screen.findByText('检查一下，没问题就提交')).toBeTruthy();
    expect(container.textContent).toContain('危险水域');
    expect(container.textContent).toContain('有人在群里一直发别的同学的丑照');
    expect(screen.getByText('提交', { selector: '.at-button__text' })).toBeTruthy();
    expect(writeMock).not.toHaveBeenCalled();
  });
});

describe('the description: a live counter and the server’s limits', () => {
  async function toDescription() {
    const utils = await renderForm();
    tapClass(utils.container, 'hh-report-category--other');
    tap('下一步');
    tapClass(utils.container, 'hh-report-place-mode--elsewhere');
    tapClass(utils.container, 'hh-report-county--simao');
    await typeInto(utils.container, 'hh-report-place', '学校后面的小卖部');
    tap('下一步');
    tap('下一步'); // when is optional
    await screen.findByText('请说说发生了什么');
    return utils;
  }

  it('counts as it is typed and will not go on under 10 or over 2000 characters', async () => {
    const { container } = await toDescription();
    expect(container.textContent).toContain('已写0字，还要再写10字');
    // The counter sits above the box, where the sticky footer cannot cover it.
    const counter = container.querySelector('.hh-report-counter')!;
    const box = container.querySelector('.hh-report-description')!;
    expect(counter.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // An emoji is one character, and words are needed.
    await typeInto(container, 'hh-report-description', '😭😭😭😭😭😭😭😭😭😭');
    expect(await screen.findByText(/已写10字/)).toBeTruthy();
    tap('下一步');
    expect(await screen.findByText(/请用文字写一写发生了什么/)).toBeTruthy();

    await typeInto(container, 'hh-report-description', '有人打我');
    expect(await screen.findByText(/已写4字，还要再写6字/)).toBeTruthy();
    tap('下一步');
    expect(await screen.findByText('请再多写几句，至少10个字，说清楚发生了什么。')).toBeTruthy();

    await typeInto(container, 'hh-report-description', '字'.repeat(REPORT_LIMITS.descriptionMax + 1));
    expect(await screen.findByText(/已写2001字，超过了1字/)).toBeTruthy();
    tap('下一步');
    expect(await screen.findByText('内容最多2000个字，请精简一些。')).toBeTruthy();
    expect(container.textContent).toContain('请说说发生了什么');

    await typeInto(container, 'hh-report-description', '学校后面的小卖部卖过期的辣条给学生。');
    tap('下一步');
    expect(await screen.findByText('有照片吗？')).toBeTruthy();
  });

  it('uses the same limits as the server’s schema (so the phone never refuses what the server takes)', () => {
    const base = { category: 'other', countyId: 'simao' };
    const ok = (over: Record<string, unknown>) => reportInput.safeParse({ ...base, description: '这是一个足够长的描述内容。', ...over }).success;
    expect(ok({ description: 'x'.repeat(REPORT_LIMITS.descriptionMin) })).toBe(true);
    expect(ok({ description: 'x'.repeat(REPORT_LIMITS.descriptionMin - 1) })).toBe(false);
    expect(ok({ description: 'x'.repeat(REPORT_LIMITS.descriptionMax) })).toBe(true);
    expect(ok({ description: 'x'.repeat(REPORT_LIMITS.descriptionMax + 1) })).toBe(false);
    expect(ok({ place: 'x'.repeat(REPORT_LIMITS.placeMax) })).toBe(true);
    expect(ok({ place: 'x'.repeat(REPORT_LIMITS.placeMax + 1) })).toBe(false);
    expect(ok({ photoIds: Array(REPORT_LIMITS.photosMax).fill('f1') })).toBe(true);
    expect(ok({ photoIds: Array(REPORT_LIMITS.photosMax + 1).fill('f1') })).toBe(false);
  });
});

/** An online-bullying report in a chat group, walked to the review (afterCategory: checks once a category is chosen). */
async function onlineReportToReview(container: HTMLElement, afterCategory?: () => Promise<void>) {
  tapClass(container, 'hh-report-category--online');
  await afterCategory?.();
  tap('下一步');
  tapClass(container, 'hh-report-place-mode--elsewhere');
  tapClass(container, 'hh-report-county--simao');
  await typeInto(container, 'hh-report-place', '班级微信群');
  tap('下一步');
  tap('下一步');
  await screen.findByText('请说说发生了什么');
  await describeAndReview(container, '有人在群里一直发别的同学的丑照，还骂人。');
}

describe('no network', () => {
  it('keeps the report on the phone with its request id and says it will be sent when the network is back', async () => {
    const { container } = await renderForm();
    await onlineReportToReview(container);

    writeMock.mockRejectedValueOnce(new ApiError('NETWORK'));
    tap('提交');
    expect(await screen.findByText('等待网络，恢复后自动发送')).toBeTruthy();

    const requestId = writeMock.mock.calls[0][2]?.requestId;
    const stored = Taro.getStorageSync(QUEUE_KEY) as Array<Record<string, unknown>>;
    expect(stored).toHaveLength(1);
    expect(stored[0].requestId).toBe(requestId);
    expect(stored[0].form).toEqual(writeMock.mock.calls[0][1]);
    // Only the report and its request id: nothing about who sent it.
    expect(Object.keys(stored[0]).sort()).toEqual(['form', 'queuedAt', 'requestId', 'state']);
    expect(Taro.redirectTo).not.toHaveBeenCalled();
  });
});

describe('leaving with answers', () => {
  const guard = guardLeaving as jest.MockedFunction<typeof guardLeaving>;
  const asking = () => guard.mock.calls[guard.mock.calls.length - 1]?.[0];

  it('has the back button ask while answers would be lost, and stops asking once the report is on its way', async () => {
    const { container, unmount } = await renderForm();
    expect(asking()).toBeNull(); // nothing typed yet: leaving loses nothing

    await onlineReportToReview(container, async () => {
      await waitFor(() => expect(asking()).toContain('还没有提交'));
    });
    writeMock.mockRejectedValueOnce(new ApiError('NETWORK'));
    tap('提交');
    // Kept on the phone for the network: nothing is lost by leaving.
    expect(await screen.findByText('等待网络，恢复后自动发送')).toBeTruthy();
    await waitFor(() => expect(asking()).toBeNull());

    unmount();
    expect(asking()).toBeNull();
  });
});

describe('emergency numbers', () => {
  it('are on the form, tappable', async () => {
    render(<SubmitPage />);
    fireEvent.click(await screen.findByText('12356'));
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '12356' });
    for (const n of ['110', '120', '12355']) expect(screen.getByText(n)).toBeTruthy();
  });
});
