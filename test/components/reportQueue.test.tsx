/**
 * The offline queue: a report that could not be sent is kept on the phone
 * (with its request id, nothing about the reporter), sent again when the
 * network is back, once per request id, removed when the server has it,
 * kept when it still cannot be sent, and set aside when the server says no.
 *
 * (A .tsx file only because the components project picks up *.test.tsx.)
 */
import Taro from '@tarojs/taro';
import { whenBackOnline } from '../../src/services/connectivity';
import { ApiError } from '../../src/services/errors';
import { submitReport, type ReportForm, type SubmitAnswer } from '../../src/services/report';
import { QUEUE_KEY, createReportQueue } from '../../src/stores/reportQueue';

jest.mock('../../src/services/report', () => ({
  ...jest.requireActual('../../src/services/report'),
  submitReport: jest.fn(),
}));
jest.mock('../../src/services/connectivity', () => ({ whenBackOnline: jest.fn(() => () => undefined) }));

const submitMock = submitReport as jest.MockedFunction<typeof submitReport>;
const onlineMock = whenBackOnline as jest.MockedFunction<typeof whenBackOnline>;

const form = (description: string): ReportForm => ({ category: 'dangerous_water', waterType: 'fish_pond', countyId: 'lancang', place: '村口鱼塘', description, photoIds: ['fAAAAAAAAAAAAAAAAAAAAAAAA'] });
const answer = (code: string): SubmitAnswer => ({ trackingCode: code, secret: 'ABCD-EFGH', priority: 'P1', routedTo: ['澜沧县农业农村局'], dueAt: 1 });
const stored = () => Taro.getStorageSync(QUEUE_KEY) as Array<{ requestId: string; state: string; form: ReportForm }> | '';

/** The callback the queue gave to the connectivity service: calling it is "the network is back". */
const networkBack = () => {
  const fn = onlineMock.mock.calls[onlineMock.mock.calls.length - 1][0];
  fn();
};

/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  jest.clearAllMocks();
  Taro.clearStorageSync();
});

describe('the offline report queue', () => {
  it('persists a queued report in storage, and a new app run loads it again', () => {
    const q = createReportQueue();
    q.enqueue('req-aaaaaaaaaaaaaaaaaaaa', form('鱼塘边没有围栏，小孩子常去玩水。'), 1000);
    expect(stored()).toEqual([{ requestId: 'req-aaaaaaaaaaaaaaaaaaaa', form: form('鱼塘边没有围栏，小孩子常去玩水。'), queuedAt: 1000, state: 'waiting' }]);

    const nextRun = createReportQueue();
    nextRun.load();
    expect(nextRun.items.map((i) => i.requestId)).toEqual(['req-aaaaaaaaaaaaaaaaaaaa']);
    expect(nextRun.items[0].form.photoIds).toEqual(['fAAAAAAAAAAAAAAAAAAAAAAAA']); // photos by file id, already uploaded
  });

  it('keeps one copy per request id', () => {
    const q = createReportQueue();
    q.enqueue('req-same-id-0000000000', form('第一次保存的内容，有点长。'));
    q.enqueue('req-same-id-0000000000', form('第一次保存的内容，有点长。'));
    expect(q.items).toHaveLength(1);
    expect(stored()).toHaveLength(1);
  });

  it('sends on start and when the network is back, with the saved request id; removes it once sent and reports the answer', async () => {
    const q = createReportQueue();
    q.enqueue('req-bbbbbbbbbbbbbbbbbbbb', form('水库边的栏杆坏了一大段，很危险。'));
    const delivered = jest.fn();

    submitMock.mockRejectedValueOnce(new ApiError('NETWORK'));
    q.start(delivered);
    await settle();
    expect(submitMock).toHaveBeenCalledTimes(1);
    expect(q.items).toHaveLength(1); // kept: still no network
    expect(q.items[0].state).toBe('waiting');
    expect(delivered).not.toHaveBeenCalled();

    submitMock.mockResolvedValueOnce(answer('K7QH-M3XP-9R'));
    networkBack();
    await settle();
    expect(submitMock).toHaveBeenCalledTimes(2);
    expect(submitMock.mock.calls.map((c) => c[1]?.requestId)).toEqual(['req-bbbbbbbbbbbbbbbbbbbb', 'req-bbbbbbbbbbbbbbbbbbbb']);
    expect(submitMock.mock.calls[1][0]).toEqual(form('水库边的栏杆坏了一大段，很危险。'));
    expect(q.items).toHaveLength(0);
    expect(stored()).toBe('');
    expect(delivered).toHaveBeenCalledWith(answer('K7QH-M3XP-9R'), 'req-bbbbbbbbbbbbbbbbbbbb');
  });

  it('does not send the same report twice when two triggers come at once', async () => {
    const q = createReportQueue();
    q.enqueue('req-cccccccccccccccccccc', form('工地的积水坑很深，没有警示牌。'));
    let finish: (a: SubmitAnswer) => void = () => undefined;
    submitMock.mockImplementationOnce(() => new Promise((resolve) => { finish = resolve; }));
    const a = q.flush();
    const b = q.flush(); // e.g. the network came back while the app was coming to the front
    finish(answer('AAAA-BBBB-CC'));
    await Promise.all([a, b]);
    expect(submitMock).toHaveBeenCalledTimes(1);
    expect(q.items).toHaveLength(0);
  });

  it('stops at the first network failure and keeps every report', async () => {
    const q = createReportQueue();
    q.enqueue('req-first-000000000000', form('第一份：河边没有人看管。'));
    q.enqueue('req-second-00000000000', form('第二份：鱼塘边没有围栏。'));
    submitMock.mockRejectedValue(new ApiError('NETWORK'));
    await q.flush();
    expect(submitMock).toHaveBeenCalledTimes(1);
    expect(stored()).toHaveLength(2);
  });

  it('keeps a report the server could not take now (busy) and sends it later', async () => {
    const q = createReportQueue();
    q.enqueue('req-dddddddddddddddddddd', form('坝塘边天天有学生去钓鱼。'));
    submitMock.mockRejectedValueOnce(new ApiError('INTERNAL'));
    await q.flush();
    expect(q.items[0].state).toBe('waiting');
    submitMock.mockResolvedValueOnce(answer('CCCC-DDDD-EE'));
    await q.flush();
    expect(q.items).toHaveLength(0);
  });

  it('sets aside a report the server refuses, with its reason, and sends it again only when asked', async () => {
    const q = createReportQueue();
    q.enqueue('req-eeeeeeeeeeeeeeeeeeee', form('照片过期了的一份举报内容。'));
    submitMock.mockRejectedValueOnce(new ApiError('BAD_INPUT', '有照片没有上传成功，请删掉后重新上传。'));
    await q.flush();
    expect(q.items[0]).toMatchObject({ state: 'refused', error: '有照片没有上传成功，请删掉后重新上传。' });
    expect((stored() as Array<{ state: string }>)[0].state).toBe('refused');

    await q.flush();
    expect(submitMock).toHaveBeenCalledTimes(1); // not resent by itself

    submitMock.mockResolvedValueOnce(answer('FFFF-GGGG-HH'));
    await q.retry('req-eeeeeeeeeeeeeeeeeeee');
    expect(submitMock).toHaveBeenCalledTimes(2);
    expect(q.items).toHaveLength(0);
  });

  it('stores the report and its request id only: nothing about who sent it', () => {
    const q = createReportQueue();
    q.enqueue('req-ffffffffffffffffffff', form('河边有人卖酒给学生。'));
    const [item] = stored() as Array<Record<string, unknown>>;
    expect(Object.keys(item).sort()).toEqual(['form', 'queuedAt', 'requestId', 'state']);
    expect(Object.keys(item.form as object).sort()).toEqual(['category', 'countyId', 'description', 'photoIds', 'place', 'waterType']);
  });
});
