/**
 * 班级学习情况 (class teacher): counts per lesson, never names; "我们在课堂上
 * 一起学过了" asks first, then records for the class and shows the new count.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { runInAction } from 'mobx';
import ClassPage from '../../src/packageLessons/pages/class/index';
import { getClassProgress, getClassRoster, recordClassSession, undoClassSession, type ClassProgress } from '../../src/packageLessons/services/lessons';
import { ApiError } from '../../src/services/errors';
import { sessionStore } from '../../src/stores/session';

jest.mock('../../src/packageLessons/services/lessons', () => ({
  getLesson: jest.fn(),
  completeLesson: jest.fn(),
  recordClassSession: jest.fn(),
  getClassProgress: jest.fn(),
  getClassRoster: jest.fn(),
  undoClassSession: jest.fn(),
}));
const progressMock = getClassProgress as jest.MockedFunction<typeof getClassProgress>;
const recordMock = recordClassSession as jest.MockedFunction<typeof recordClassSession>;

const CLASS = 'cls-simao-1-8-2';
const progress = (drowningDone: number, together: number | null): ClassProgress => ({
  classId: CLASS,
  className: '八年级（2）班',
  band: 'junior',
  studentCount: 5,
  items: [
    { id: 'drowning.junior', topic: 'drowning', topicTitle: '防溺水', title: '会游泳，也会溺水', completed: drowningDone, classSessionAt: together, season: '夏天' },
    { id: 'traffic.junior', topic: 'traffic', topicTitle: '交通安全', title: '路上的规矩', completed: 0, classSessionAt: null },
  ],
});
const settle = () => act(async () => { await new Promise((r) => setTimeout(r, 0)); });

beforeEach(() => {
  jest.clearAllMocks();
  runInAction(() => {
    sessionStore.roles = [{ role: 'class_teacher', schoolId: 'sch-simao-1', classId: CLASS }];
    sessionStore.loaded = true;
  });
});

it('shows counts per lesson for my class, without names or ranking', async () => {
  progressMock.mockResolvedValue(progress(2, null));
  const { container } = render(<ClassPage />);
  await settle();
  expect(progressMock).toHaveBeenCalledWith(CLASS);
  expect(container.textContent).toContain('八年级（2）班 · 初中版课程 · 全班 5 名同学');
  expect(container.textContent).toContain('2 / 5 名同学学过');
  expect(container.textContent).toContain('不显示是谁，也不排名');
});

it('records a lesson taught together after asking, and shows the whole class done', async () => {
  progressMock.mockResolvedValueOnce(progress(2, null)).mockResolvedValueOnce(progress(5, Date.parse('2026-11-28T10:00:00+08:00')));
  recordMock.mockResolvedValue({ id: 'drowning.junior', classId: CLASS, firstTime: true, recordedAt: 1, studentCount: 5 });
  (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false }).mockResolvedValueOnce({ confirm: true });
  const { container } = render(<ClassPage />);
  await settle();
  const [first] = screen.getAllByText('我们在课堂上一起学过了');
  fireEvent.click(first);
  await settle();
  expect(recordMock).not.toHaveBeenCalled(); // 再想想
  fireEvent.click(screen.getAllByText('我们在课堂上一起学过了')[0]);
  await settle();
  await settle();
  expect(recordMock).toHaveBeenCalledWith('drowning.junior', CLASS);
  expect(container.textContent).toContain('5 / 5 名同学学过');
  expect(container.textContent).toContain('在课堂上一起学过了');
});

it('a refusal is shown by the lesson', async () => {
  progressMock.mockResolvedValue(progress(0, null));
  recordMock.mockRejectedValue(new ApiError('FORBIDDEN', '只有这个班的班主任可以查看和记录本班的课程学习。'));
  (Taro.showModal as jest.Mock).mockResolvedValue({ confirm: true });
  const { container } = render(<ClassPage />);
  await settle();
  fireEvent.click(screen.getAllByText('我们在课堂上一起学过了')[0]);
  await settle();
  expect(container.textContent).toContain('只有这个班的班主任');
});

it('someone who is not a class teacher is told what the page is for', async () => {
  runInAction(() => { sessionStore.roles = [{ role: 'student', studentId: 'stu-simao-1' }]; });
  const { container } = render(<ClassPage />);
  await settle();
  expect(progressMock).not.toHaveBeenCalled();
  expect(container.textContent).toContain('还没有绑定班主任身份');
});

it('leaves out who was away: picked from the class, told in the question, sent with the record', async () => {
  progressMock.mockResolvedValue(progress(0, null));
  (getClassRoster as jest.Mock).mockResolvedValue({ classId: CLASS, students: [{ id: 'stu-simao-1', name: '李小雨' }, { id: 'stu-simao-3', name: '王梓涵' }] });
  recordMock.mockResolvedValue({ id: 'drowning.junior', classId: CLASS, firstTime: true, recordedAt: 1, studentCount: 5 });
  (Taro.showModal as jest.Mock).mockResolvedValue({ confirm: true });
  render(<ClassPage />);
  await settle();
  fireEvent.click(screen.getAllByText('有同学没来？先选出来')[0]);
  await settle();
  fireEvent.click(screen.getByText('王梓涵'));
  fireEvent.click(screen.getAllByText('我们在课堂上一起学过了')[0]);
  await settle();
  expect((Taro.showModal as jest.Mock).mock.calls.at(-1)[0].content).toContain('没来的 1 名同学不算');
  expect(recordMock).toHaveBeenCalledWith('drowning.junior', CLASS, ['stu-simao-3']);
});

it('a lesson recorded today can be undone; one recorded before today cannot', async () => {
  progressMock.mockResolvedValueOnce(progress(5, Date.now())).mockResolvedValueOnce(progress(0, null));
  (undoClassSession as jest.Mock).mockResolvedValue({ undone: true });
  (Taro.showModal as jest.Mock).mockResolvedValue({ confirm: true });
  const { container } = render(<ClassPage />);
  await settle();
  fireEvent.click(screen.getByText('记错了，撤销（只能当天）'));
  await settle();
  await settle();
  expect(undoClassSession).toHaveBeenCalledWith('drowning.junior', CLASS);
  expect(container.textContent).toContain('0 / 5 名同学学过');

  progressMock.mockResolvedValue(progress(5, Date.now() - 3 * 86400_000));
  const later = render(<ClassPage />);
  await settle();
  expect(later.container.textContent).not.toContain('撤销');
});
