/**
 * A lesson finished offline goes out when the 课程 tab shows (found walking offline: it stayed on the phone after
 * the app was reopened online until some lesson was opened), once, under its own request id; a "not now" keeps it.
 */
import { render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import LessonsPage from '../../src/pages/lessons/index';
import { call, write } from '../../src/services/api';
import { ApiError } from '../../src/services/errors';
import { COMPLETION_QUEUE_KEY, queued } from '../../src/stores/lessonQueue';

jest.mock('../../src/services/api', () => ({ ...jest.requireActual('../../src/services/api'), call: jest.fn(), write: jest.fn() }));
const callMock = call as jest.MockedFunction<typeof call>;
const writeMock = write as jest.MockedFunction<typeof write>;

const waiting = { id: 'drowning.junior', answers: [1, 2, 0], requestId: 'req_offline_0001', queuedAt: 1 };

beforeEach(() => {
  jest.clearAllMocks();
  callMock.mockRejectedValue(new ApiError('NETWORK'));
  Taro.setStorageSync(COMPLETION_QUEUE_KEY, [waiting]);
});

test('the 课程 tab sends a completion kept on the phone, with its own request id, and forgets it once sent', async () => {
  writeMock.mockResolvedValue({ firstTime: true });
  render(<LessonsPage />);
  await waitFor(() => expect(queued()).toEqual([]));
  expect(writeMock).toHaveBeenCalledTimes(1);
  expect(writeMock).toHaveBeenCalledWith('lesson.complete', { id: 'drowning.junior', answers: [1, 2, 0] }, { requestId: 'req_offline_0001' });
});

test('still offline: it stays for later', async () => {
  writeMock.mockRejectedValue(new ApiError('NETWORK'));
  render(<LessonsPage />);
  await waitFor(() => expect(writeMock).toHaveBeenCalledTimes(1));
  expect(queued()).toEqual([waiting]);
});
