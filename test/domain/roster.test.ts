/**
 * Roster rules (src/domain/roster.ts): the ways schools write grades, classes
 * and dates, and which columns are kept.
 */
import { canonicalClassName, classIdFor, parseBirthDate, parseClassName, parseGrade, parseRoster, parseSchoolList, RosterFormatError } from '../../src/domain/roster';

describe('class names as schools write them', () => {
  test.each(['2班', '(2)班', '（2）班', '八年级2班', '八年级（2）班', '8年级(2)班', '初二2班', '2', ' 2 班 '])('%s is class 2', (s) => {
    expect(parseClassName(s)?.number).toBe(2);
  });
  test('a grade in the class name is read', () => {
    expect(parseClassName('八年级（2）班')).toEqual({ number: 2, grade: 8 });
    expect(parseClassName('高一(3)班')).toEqual({ number: 3, grade: 10 });
    expect(parseClassName('（2）班')).toEqual({ number: 2 });
  });
  test.each(['', '班', '火箭班', '十三年级2班', '0班', '99班'])('%s is not a class', (s) => {
    expect(parseClassName(s)).toBeUndefined();
  });
  test('one canonical name and id', () => {
    expect(canonicalClassName(8, 2)).toBe('八年级（2）班');
    expect(canonicalClassName(11, 1)).toBe('高二（1）班');
    expect(classIdFor('sch-simao-1', 8, 2)).toBe('cls-simao-1-8-2');
  });
});

describe('grades', () => {
  test.each([['八年级', 8], ['8', 8], ['8年级', 8], ['初一', 7], ['初三', 9], ['高三', 12], ['一年级', 1]] as const)('%s → %i', (s, g) => {
    expect(parseGrade(s)).toBe(g);
  });
  test.each(['十三年级', '13', '0', '大一', '', '八'])('%s is not a grade', (s) => expect(parseGrade(s)).toBeUndefined());
});

describe('birth dates', () => {
  const today = '2026-11-28';
  test.each([['2013-03-15', '2013-03-15'], ['2013/3/5', '2013-03-05'], ['2013.3.5', '2013-03-05'], ['20130305', '2013-03-05'], ['2013年3月5日', '2013-03-05']])('%s → %s', (s, iso) => {
    expect(parseBirthDate(s, today)).toBe(iso);
  });
  test.each(['2013-02-30', '2013-13-01', '2027-01-01', '1980-01-01', '2025-01-01', '三月五日', '15/03/2013'])('%s is impossible', (s) => {
    expect(parseBirthDate(s, today)).toBeNull();
  });
});

describe('parseRoster', () => {
  const header = ['姓名', '学号', '性别', '出生日期', '班级', '身份证号', '家庭住址', '联系电话', '家长姓名', '与学生关系'];
  test('keeps only the fields the features need and names the dropped columns', () => {
    const r = parseRoster([header, ['张 三', 'a001', '男', '2013-01-02', '八年级（2）班', '530802201301020011', '某街', '138', '张父', '父亲']], '2026-11-28');
    expect(r.dropped).toEqual(['身份证号', '家庭住址', '联系电话']);
    expect(r.good).toEqual([{ row: 2, name: '张三', studentNo: 'A001', sex: 'M', birthDate: '2013-01-02', grade: 8, classNumber: 2, guardians: [{ name: '张父', relation: '父亲' }] }]);
    expect(JSON.stringify(r.good)).not.toContain('530802201301020011');
  });
  test('a title line before the header is skipped; blank rows are not counted', () => {
    const r = parseRoster([['2026学年 学生名册'], header, [], ['李四', 'a002', '女', '2013-01-02', '八年级2班']], '2026-11-28');
    expect(r.rows).toBe(1);
    expect(r.good[0]).toMatchObject({ row: 4, name: '李四', grade: 8 });
  });
  test('a grade column that disagrees with the class name is an error', () => {
    const r = parseRoster([['姓名', '学号', '出生日期', '年级', '班级'], ['王五', 'a003', '2013-01-02', '七年级', '八年级（2）班']], '2026-11-28');
    expect(r.errors).toEqual([{ row: 2, message: expect.stringContaining('对不上') }]);
  });
  test('a sheet without the needed columns cannot be read', () => {
    expect(() => parseRoster([['姓名', '性别']], '2026-11-28')).toThrow(RosterFormatError);
    expect(() => parseRoster([['名字', '学号']], '2026-11-28')).toThrow(/表头/);
  });
});

describe('parseSchoolList', () => {
  const counties = new Map([['思茅区', 'simao'], ['simao', 'simao']]);
  const header = ['学校名称', '学段', '所在县（区）'];
  test('a row with several problems names them all in one message', () => {
    const r = parseSchoolList([header, ['思茅区某校', '火箭学校', '思茅'], ['', '', '']], counties);
    expect(r.good).toEqual([]);
    expect(r.errors).toEqual([{ row: 2, message: '第2行（思茅区某校）：学段“火箭学校”认不出来，请写小学、初中、高中、九年一贯制、职业学校或大学；所在县（区）“思茅”认不出来。' }]);
    const blank = parseSchoolList([header, ['', '', '宁洱']], counties);
    expect(blank.errors[0].message).toBe('第2行：缺少学校名称；缺少学段；所在县（区）“宁洱”认不出来。');
  });
  test('a good row is read; one problem is named alone', () => {
    const r = parseSchoolList([header, ['思茅区第四中学', '初级中学', '思茅区'], ['思茅区某小学', '小学', '思茅']], counties);
    expect(r.good).toEqual([{ row: 2, name: '思茅区第四中学', county: 'simao', stage: 'middle' }]);
    expect(r.errors).toEqual([{ row: 3, message: '第3行（思茅区某小学）：所在县（区）“思茅”认不出来。' }]);
  });
});
