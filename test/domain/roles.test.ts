/** The guardian's line on 我的 and the child 首页 reads back from it (domain/roles.ts). */
import { guardianChildOf, guardianWhoLine } from '../../src/domain/roles';

test('the child written into a guardian\'s line is the child read back from it', () => {
  const line = guardianWhoLine('刘芳（母亲）', '李小雨，八年级（2）班');
  expect(line).toBe('刘芳（母亲） · 孩子：李小雨，八年级（2）班');
  expect(guardianChildOf(line)).toBe('李小雨，八年级（2）班');
  expect(guardianChildOf(guardianWhoLine('', '李小雨'))).toBe('李小雨');
});

test('no child, no line: nothing is read back', () => {
  expect(guardianWhoLine('刘芳（母亲）', '')).toBe('刘芳（母亲）');
  expect(guardianChildOf(guardianWhoLine('刘芳（母亲）', ''))).toBeNull();
  expect(guardianWhoLine('', '')).toBeNull();
  expect(guardianChildOf(null)).toBeNull();
});
