/**
 * Roster rules (issue 14): reading the sheet a school exports from the 学籍
 * system into the few fields the features need. Pure: a table of strings in,
 * rows and Chinese errors out; the cloud handler (handlers/roster/import.ts)
 * does the reading of files and the writing of records.
 *
 * PIPL minimisation: only name, student number, sex, birth date, grade and
 * class, and up to two guardians' names and relations are kept. Every other
 * column (ID-card number, address, phone …) is dropped and named in `dropped`,
 * so the school sees that it was not taken.
 */

export const GRADE_NAMES: Record<number, string> = {
  1: '一年级', 2: '二年级', 3: '三年级', 4: '四年级', 5: '五年级', 6: '六年级',
  7: '七年级', 8: '八年级', 9: '九年级', 10: '高一', 11: '高二', 12: '高三',
};

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** Grade words as schools write them: 八年级, 8年级, 8, 初二, 高一, 七年级 … → 1-12; undefined when unknown. */
export function parseGrade(raw: string): number | undefined {
  const s = raw.normalize('NFKC').replace(/\s/g, '');
  if (!s) return undefined;
  let m = s.match(/^(\d{1,2})(?:年级)?$/);
  if (m) { const n = Number(m[1]); return n >= 1 && n <= 12 ? n : undefined; }
  m = s.match(/^([一二三四五六七八九])年级$/);
  if (m) return CN_DIGITS[m[1]];
  m = s.match(/^(初|高)([一二三123])$/);
  if (m) { const n = CN_DIGITS[m[2]] ?? Number(m[2]); return (m[1] === '初' ? 6 : 9) + n; }
  return undefined;
}

/**
 * 班级 as schools write it: 2班, (2)班, （2）班, 八年级2班, 八年级（2）班, 2 → { number, grade? }.
 * The grade is there only when the class name carries one.
 */
export function parseClassName(raw: string): { number: number; grade?: number } | undefined {
  const s = raw.normalize('NFKC').replace(/\s/g, '');
  const m = s.match(/^(.*?)\(?(\d{1,2})\)?班?$/);
  if (!m) return undefined;
  const number = Number(m[2]);
  if (!(number >= 1 && number <= 60)) return undefined;
  if (!m[1]) return { number };
  const grade = parseGrade(m[1]);
  return grade ? { number, grade } : undefined;
}

/** 八年级（2）班: the one way the app writes a class name. */
/** 8 → '八年级', as class names say it (a grade outside 1-12 reads '13年级'). */
export const gradeName = (grade: number) => GRADE_NAMES[grade] ?? `${grade}年级`;

export const canonicalClassName = (grade: number, number: number) => `${gradeName(grade)}（${number}）班`;

/** 'sch-simao-1', 8, 2 → 'cls-simao-1-8-2' (the demo's ids follow the same rule, so they keep working). */
export const classIdFor = (schoolId: string, grade: number, number: number) => `cls-${schoolId.replace(/^sch-/, '')}-${grade}-${number}`;

/**
 * A class id not yet taken. A class keeps its id as it moves up a grade at the rollover (its students, codes
 * and records name it), so after a September the id `classIdFor` gives for 七年级2班 may belong to last
 * year's, now 八年级2班, or to a graduated class: a new class then gets the intake year as a suffix
 * ('cls-simao-1-7-2-y2027'), and a number after that if even that is taken.
 */
export function freshClassId(taken: ReadonlySet<string>, schoolId: string, grade: number, number: number, intakeYear: number): string {
  const base = classIdFor(schoolId, grade, number);
  if (!taken.has(base)) return base;
  const withYear = `${base}-y${intakeYear}`;
  if (!taken.has(withYear)) return withYear;
  for (let n = 2; ; n++) if (!taken.has(`${withYear}-${n}`)) return `${withYear}-${n}`;
}

export type Sex = 'M' | 'F';

export interface RosterGuardian { name: string; relation: string }

export interface RosterRow {
  /** the row number as the spreadsheet shows it (the header is row 1) */
  row: number;
  name: string;
  studentNo: string;
  sex: Sex | null;
  birthDate: string;
  grade: number;
  classNumber: number;
  guardians: RosterGuardian[];
}

export interface RosterError { row: number; message: string }

export interface ParsedRoster {
  /** data rows seen (blank rows are not counted) */
  rows: number;
  good: RosterRow[];
  errors: RosterError[];
  /** headers of the columns not kept (PIPL minimisation) */
  dropped: string[];
}

type Field = 'name' | 'studentNo' | 'sex' | 'birthDate' | 'grade' | 'class' | 'g1name' | 'g1rel' | 'g2name' | 'g2rel';

/** Header words (after removing spaces and brackets) that mean each kept field. */
const HEADERS: Record<Field, readonly string[]> = {
  name: ['姓名', '学生姓名'],
  studentNo: ['学籍号', '学号', '全国学籍号', '学生学籍号', '国家学籍号'],
  sex: ['性别'],
  birthDate: ['出生日期', '出生年月日', '生日'],
  grade: ['年级'],
  class: ['班级', '班级名称', '班别', '所在班级'],
  g1name: ['监护人姓名', '监护人1姓名', '监护人一姓名', '第一监护人姓名', '家长姓名', '家长1姓名'],
  g1rel: ['监护人关系', '监护人1关系', '监护人一关系', '第一监护人关系', '与学生关系', '监护人1与学生关系', '家长1关系', '家长关系'],
  g2name: ['监护人2姓名', '监护人二姓名', '第二监护人姓名', '家长2姓名'],
  g2rel: ['监护人2关系', '监护人二关系', '第二监护人关系', '监护人2与学生关系', '家长2关系'],
};

const headerKey = (h: string) => h.normalize('NFKC').replace(/[\s()（）:：*]/g, '');

export const ROSTER_REQUIRED: readonly Field[] = ['name', 'studentNo', 'birthDate', 'class'];
const FIELD_NAMES: Record<Field, string> = {
  name: '姓名', studentNo: '学籍号（或学号）', sex: '性别', birthDate: '出生日期', grade: '年级', class: '班级',
  g1name: '监护人姓名', g1rel: '监护人关系', g2name: '监护人2姓名', g2rel: '监护人2关系',
};

/** A roster that cannot be read at all (no header row we recognise). */
export class RosterFormatError extends Error {}

/** YYYY-MM-DD from 2013-03-15, 2013/3/15, 2013.3.15, 20130315, 2013年3月15日; null when it is not a real date. */
export function parseBirthDate(raw: string, today: string): string | null {
  const s = raw.normalize('NFKC').trim();
  const m = s.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/) ?? s.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  const iso = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  // a pupil is at least 3 and at most 30 years old on the day of the import
  const age = Number(today.slice(0, 4)) - y;
  if (iso > today || age < 3 || age > 30) return null;
  return iso;
}

export const parseSex = (raw: string): Sex | null | undefined => {
  const s = raw.normalize('NFKC').trim();
  if (!s) return null;
  if (s === '男' || s.toUpperCase() === 'M') return 'M';
  if (s === '女' || s.toUpperCase() === 'F') return 'F';
  return undefined;
};

/** Names compare without spaces and width differences (刘 芳 = 刘芳). */
export const normaliseName = (s: string) => s.normalize('NFKC').replace(/[\s·•．.]/g, '');

/**
 * Reads a table (first row: headers) into roster rows. Bad rows are named by
 * their row number in Chinese and left out; the good ones come back in `good`.
 * `today` (YYYY-MM-DD, China time) bounds birth dates.
 */
export function parseRoster(table: ReadonlyArray<ReadonlyArray<string>>, today: string): ParsedRoster {
  // the header row is the first row that names 姓名 (exports sometimes start with a title line)
  const headerAt = table.findIndex((r) => r.some((c) => HEADERS.name.includes(headerKey(c))));
  if (headerAt < 0) throw new RosterFormatError('没有找到表头：第一行应当有“姓名”“学籍号”“出生日期”“班级”等列名。');
  const header = table[headerAt];
  const columns = new Map<Field, number>();
  const dropped: string[] = [];
  header.forEach((h, i) => {
    const key = headerKey(h);
    if (!key) return;
    const field = (Object.keys(HEADERS) as Field[]).find((f) => HEADERS[f].includes(key));
    if (field && !columns.has(field)) columns.set(field, i);
    else dropped.push(h.trim());
  });
  const missing = ROSTER_REQUIRED.filter((f) => !columns.has(f));
  if (missing.length) throw new RosterFormatError(`表格缺少这些列：${missing.map((f) => FIELD_NAMES[f]).join('、')}。请从学籍系统重新导出，或在第一行补上列名。`);

  const cell = (r: ReadonlyArray<string>, f: Field) => {
    const i = columns.get(f);
    return i === undefined ? '' : (r[i] ?? '').normalize('NFKC').trim();
  };
  const errors: RosterError[] = [];
  const candidates: RosterRow[] = [];
  let rows = 0;
  for (let i = headerAt + 1; i < table.length; i++) {
    const r = table[i];
    if (!r.some((c) => c.trim())) continue;
    rows++;
    const row = i + 1;
    const fail = (message: string) => errors.push({ row, message: `第${row}行：${message}` });
    const name = cell(r, 'name').replace(/\s/g, '');
    if (!name) { fail('缺少姓名。'); continue; }
    if (name.length > 30) { fail('姓名太长了，请核对。'); continue; }
    const studentNo = cell(r, 'studentNo').replace(/\s/g, '').toUpperCase();
    if (!studentNo) { fail(`${name}缺少学籍号。`); continue; }
    if (!/^[A-Z0-9-]{2,30}$/.test(studentNo)) { fail(`${name}的学籍号“${studentNo}”格式不对，只能有字母和数字。`); continue; }
    const rawDate = cell(r, 'birthDate');
    const birthDate = parseBirthDate(rawDate, today);
    if (!birthDate) { fail(rawDate ? `${name}的出生日期“${rawDate}”不是一个可能的日期，请核对。` : `${name}缺少出生日期。`); continue; }
    const sex = parseSex(cell(r, 'sex'));
    if (sex === undefined) { fail(`${name}的性别“${cell(r, 'sex')}”认不出来，请写“男”或“女”。`); continue; }
    const rawClass = cell(r, 'class');
    const cls = parseClassName(rawClass);
    if (!cls) { fail(rawClass ? `${name}的班级“${rawClass}”认不出来，请写成“八年级（2）班”或“2班”。` : `${name}缺少班级。`); continue; }
    const rawGrade = cell(r, 'grade');
    const grade = rawGrade ? parseGrade(rawGrade) : cls.grade;
    if (!grade) { fail(rawGrade ? `${name}的年级“${rawGrade}”认不出来，请写成“八年级”或“8”。` : `${name}缺少年级。`); continue; }
    if (cls.grade && cls.grade !== grade) { fail(`${name}的年级“${rawGrade}”和班级“${rawClass}”对不上。`); continue; }
    const guardians: RosterGuardian[] = [];
    for (const [n, rel] of [['g1name', 'g1rel'], ['g2name', 'g2rel']] as const) {
      const gName = cell(r, n).replace(/\s/g, '');
      if (!gName) continue;
      const relation = cell(r, rel).replace(/\s/g, '') || '监护人';
      if (gName.length > 30 || relation.length > 10) { fail(`${name}的监护人信息太长了，请核对。`); continue; }
      guardians.push({ name: gName, relation });
    }
    candidates.push({ row, name, studentNo, sex, birthDate, grade, classNumber: cls.number, guardians });
  }
  // the student number is the key: two rows with one number are both refused (which one is right is for the school to say)
  const byNo = new Map<string, RosterRow[]>();
  for (const c of candidates) byNo.set(c.studentNo, [...(byNo.get(c.studentNo) ?? []), c]);
  const good: RosterRow[] = [];
  for (const c of candidates) {
    const same = byNo.get(c.studentNo)!;
    if (same.length > 1) {
      const others = same.filter((o) => o !== c).map((o) => `第${o.row}行`).join('、');
      errors.push({ row: c.row, message: `第${c.row}行：学籍号 ${c.studentNo} 和${others}重复，这几行都没有导入，请核对后再导入。` });
    } else good.push(c);
  }
  errors.sort((a, b) => a.row - b.row);
  return { rows, good, errors, dropped };
}

/** Stages as a school list writes them (学段 / 办学类型). */
const STAGE_WORDS: ReadonlyArray<[RegExp, 'primary' | 'middle' | 'high' | 'nine_year' | 'vocational' | 'university']> = [
  [/九年一贯|九年制|一贯制/, 'nine_year'],
  [/职业|职中|职校|中专|技工/, 'vocational'],
  [/大学|学院|高校|高等/, 'university'],
  [/完全中学|高中|高级中学/, 'high'],
  [/初中|初级中学|中学/, 'middle'],
  [/小学/, 'primary'],
];

export const parseStage = (raw: string) => STAGE_WORDS.find(([re]) => re.test(raw.normalize('NFKC')))?.[1];

export interface SchoolRow { row: number; name: string; county: string; stage: NonNullable<ReturnType<typeof parseStage>> }

/**
 * A county's list of schools (学校名称, 学段, 所在县（区）): rows of name, stage and county.
 * `counties` maps each county's names (思茅区, 宁洱县, 宁洱哈尼族彝族自治县, simao …) to its id; 市属/市直 is the city.
 */
export function parseSchoolList(table: ReadonlyArray<ReadonlyArray<string>>, counties: ReadonlyMap<string, string>): { rows: number; good: SchoolRow[]; errors: RosterError[]; dropped: string[] } {
  const key = (h: string) => h.normalize('NFKC').replace(/[\s()（）:：*]/g, '');
  const NAME = ['学校名称', '学校', '学校全称', '名称'];
  const STAGE = ['学段', '办学类型', '学校类型', '类型'];
  const COUNTY = ['所在县区', '县区', '县市区', '所属县区', '所在地', '区县'];
  const headerAt = table.findIndex((r) => r.some((c) => NAME.includes(key(c))));
  if (headerAt < 0) throw new RosterFormatError('没有找到表头：第一行应当有“学校名称”“学段”“所在县（区）”。');
  const col = (names: string[]) => table[headerAt].findIndex((h) => names.includes(key(h)));
  const [cName, cStage, cCounty] = [col(NAME), col(STAGE), col(COUNTY)];
  if (cStage < 0 || cCounty < 0) throw new RosterFormatError(`表格缺少这些列：${[cStage < 0 ? '学段' : '', cCounty < 0 ? '所在县（区）' : ''].filter(Boolean).join('、')}。`);
  const dropped = table[headerAt].filter((_, i) => i !== cName && i !== cStage && i !== cCounty).map((h) => h.trim()).filter(Boolean);
  const errors: RosterError[] = [];
  const good: SchoolRow[] = [];
  const seen = new Map<string, number>();
  let rows = 0;
  for (let i = headerAt + 1; i < table.length; i++) {
    const r = table[i];
    if (!r.some((c) => c.trim())) continue;
    rows++;
    const row = i + 1;
    const name = (r[cName] ?? '').normalize('NFKC').replace(/\s/g, '');
    const rawStage = (r[cStage] ?? '').trim();
    const rawCounty = (r[cCounty] ?? '').normalize('NFKC').replace(/\s/g, '');
    const fail = (m: string) => errors.push({ row, message: `第${row}行：${m}` });
    // every problem of the row in one message (naming one, then the next on the second try, cost the clerk a round)
    const problems: string[] = [];
    const nameOk = name.length >= 2 && name.length <= 40;
    if (!nameOk) problems.push(name ? `学校名称“${name}”太长或太短` : '缺少学校名称');
    const stage = parseStage(rawStage);
    if (!stage) problems.push(rawStage ? `学段“${rawStage}”认不出来，请写小学、初中、高中、九年一贯制、职业学校或大学` : '缺少学段');
    const county = counties.get(rawCounty);
    if (!county) problems.push(rawCounty ? `所在县（区）“${rawCounty}”认不出来` : '缺少所在县（区）');
    if (!nameOk || !stage || !county) { errors.push({ row, message: `第${row}行${nameOk ? `（${name}）` : ''}：${problems.join('；')}。` }); continue; }
    const k = `${county}|${name}`;
    if (seen.has(k)) { fail(`${name}和第${seen.get(k)}行重复。`); continue; }
    seen.set(k, row);
    good.push({ row, name, county, stage });
  }
  return { rows, good, errors, dropped };
}
