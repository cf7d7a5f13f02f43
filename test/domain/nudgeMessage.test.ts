import { nudgeMessage } from '../../src/packageHoliday/nudgeMessage';

describe('the class teacher is told what 私下提醒 actually did', () => {
  test('nobody reminded because 4 children have no guardian bound says so, not "already reminded"', () => {
    const text = nudgeMessage({ nudged: 0, alreadyToday: 0, noGuardianLinked: 4 });
    expect(text).toContain('4 名学生还没有绑定家长');
    expect(text).not.toContain('今天已经提醒过了');
  });
  test('each count is reported', () => {
    const text = nudgeMessage({ nudged: 2, alreadyToday: 1, noGuardianLinked: 3 });
    expect(text).toContain('已私下提醒 2 位家长');
    expect(text).toContain('1 位家长今天已经提醒过了');
    expect(text).toContain('3 名学生还没有绑定家长');
  });
  test('only already reminded today', () => {
    expect(nudgeMessage({ nudged: 0, alreadyToday: 5, noGuardianLinked: 0 })).toBe('5 位家长今天已经提醒过了，明天可以再提醒。');
  });
  test('nothing to do', () => {
    expect(nudgeMessage({ nudged: 0, alreadyToday: 0, noGuardianLinked: 0 })).toBe('没有需要提醒的家长。');
  });
});
