import {
  classChange, gradeName, isMonthDay, isTopGrade, nextClassName, rolloverOn, TOP_GRADE,
} from '../../src/domain/rollover';

test('a class name moves up one grade in the school\'s own style', () => {
  expect(nextClassName('八年级（2）班', 8)).toBe('九年级（2）班');
  expect(nextClassName('八年级2班', 8)).toBe('九年级2班');
  expect(nextClassName('七年级(3)班', 7)).toBe('八年级(3)班');
  expect(nextClassName('一年级（1）班', 1)).toBe('二年级（1）班');
  expect(nextClassName('初一2班', 7)).toBe('初二2班');
  expect(nextClassName('高一（5）班', 10)).toBe('高二（5）班');
  expect(nextClassName('高中二年级（1）班', 11)).toBe('高中三年级（1）班');
  // the intake year names the class for good
  expect(nextClassName('2025级茶学（1）班', 14)).toBe('2025级茶学（1）班');
  expect(nextClassName('2026 级幼儿保育（1）班', 10)).toBe('2026 级幼儿保育（1）班');
  // no grade in the name: written out when the number is known, else left alone
  expect(nextClassName('（2）班', 8, 2)).toBe('九年级（2）班');
  expect(nextClassName('2班', 8, 2)).toBe('九年级（2）班');
  expect(nextClassName('火箭班', 8)).toBe('火箭班');
  // a name that disagrees with the record's grade is rebuilt from the record
  expect(nextClassName('七年级（2）班', 8, 2)).toBe('九年级（2）班');
  // six to seven crosses from 年级 to 年级; nine to ten (high school) to 高一
  expect(nextClassName('六年级（1）班', 6)).toBe('七年级（1）班');
  expect(nextClassName('九年级（1）班', 9, 1)).toBe('高一（1）班');
});

test('the top grade of each stage graduates, the others move up', () => {
  expect(TOP_GRADE).toEqual({ primary: 6, middle: 9, nine_year: 9, high: 12, vocational: 12, university: 16 });
  expect(isTopGrade('middle', 9)).toBe(true);
  expect(isTopGrade('middle', 8)).toBe(false);
  expect(isTopGrade('primary', 6)).toBe(true);
  expect(isTopGrade('nine_year', 6)).toBe(false);
  const c = { _id: 'c1', schoolId: 's', grade: 8, number: 2, name: '八年级（2）班' };
  expect(classChange(c, 'middle')).toEqual({ classId: 'c1', action: 'promote', from: { grade: 8, name: '八年级（2）班' }, to: { grade: 9, name: '九年级（2）班' } });
  expect(classChange({ ...c, grade: 9, name: '九年级（2）班' }, 'middle')).toEqual({ classId: 'c1', action: 'graduate', from: { grade: 9, name: '九年级（2）班' } });
  expect(classChange({ ...c, grade: 9, name: '九年级（2）班' }, 'high')?.action).toBe('promote');
  expect(classChange({ ...c, status: 'closed' }, 'middle')).toBeNull();
  expect(classChange({ ...c, status: 'graduated' }, 'middle')).toBeNull();
  expect(gradeName(8)).toBe('八年级');
  expect(gradeName(11)).toBe('高二');
  expect(gradeName(14)).toBe('');
});

test('the rollover day is a China-time date; a school admin may apply it from the summer on', () => {
  // 31 August 23:59 in China is still before; 00:00 on 1 September is the day
  expect(rolloverOn(new Date('2026-08-31T15:59:00Z'))).toMatchObject({ year: 2026, date: '2026-09-01', due: false, open: true });
  expect(rolloverOn(new Date('2026-08-31T16:00:00Z'))).toMatchObject({ year: 2026, date: '2026-09-01', due: true, open: true });
  expect(rolloverOn(new Date('2026-12-31T15:00:00Z'))).toMatchObject({ year: 2026, due: true });
  // in spring the next rollover is this year's and not open yet (62 days before: 1 July)
  expect(rolloverOn(new Date('2027-03-01T02:00:00Z'))).toMatchObject({ year: 2027, due: false, open: false });
  expect(rolloverOn(new Date('2027-06-30T15:59:00Z')).open).toBe(false);
  expect(rolloverOn(new Date('2027-06-30T16:00:00Z')).open).toBe(true);
  // configurable day
  expect(rolloverOn(new Date('2026-08-25T02:00:00Z'), '08-25')).toMatchObject({ date: '2026-08-25', due: true });
  expect(isMonthDay('09-01')).toBe(true);
  expect(isMonthDay('02-29')).toBe(true);
  expect(isMonthDay('02-30')).toBe(false);
  expect(isMonthDay('9-1')).toBe(false);
  expect(isMonthDay('13-01')).toBe(false);
});
