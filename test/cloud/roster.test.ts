/**
 * Roster import (issue 14) on a real SQLite file: a generated .xlsx and a GBK
 * .csv with a row of each mistake, re-import, a class move, PIPL minimisation.
 */
import { saveSheet } from '../../src/cloud/media/sheets';
import { studentIdFor } from '../../src/cloud/handlers/roster/import';
import { BAD, GOOD, csvGbk, csvUtf8, xlsx, type Cell } from '../fixtures/roster';
import { makeHarness, type Harness } from './harness';
import type { CallerIdentity } from '../../src/cloud/core/dispatch';

const SCHOOL = 'sch-simao-1';
let h: Harness;
let admin: CallerIdentity;
beforeEach(async () => {
  h = await makeHarness('2026-11-28T02:00:00Z');
  admin = await h.as('DEMO-SCHOOL-ADMIN');
});
afterEach(() => h.close());

async function upload(bytes: Buffer, name: string, who = admin) {
  return (await saveSheet(h.store, h.blobs, bytes, name, who.userId!, h.clock)).fileId;
}
const importAs = (fileId: string, dryRun: boolean, who = admin, schoolId = SCHOOL) => h.call('roster.import', { schoolId, fileId, dryRun }, { as: who });
const students = () => h.store.collection<any>('students').find({ schoolId: SCHOOL });

describe.each([
  ['xlsx', (rows: Cell[][]) => xlsx(rows), 'roster.xlsx'],
  ['GBK csv', async (rows: Cell[][]) => csvGbk(rows), 'roster.csv'],
])('a %s with a row of each mistake', (_kind, make, name) => {
  test('dry run names every bad row in Chinese and writes nothing; applying keeps the good rows only', async () => {
    const fileId = await upload(await make([...GOOD, ...BAD.map((b) => b.row)]), name);
    const before = await h.store.dump!();
    const dry = await importAs(fileId, true);
    expect(dry.ok).toBe(true);
    expect(dry.data).toMatchObject({ rows: 12, created: 5, updated: 0, unchanged: 0, dryRun: true });
    // every mistake named by its sheet row (header is row 1, so data row i is row i + 2)
    BAD.forEach((b, i) => {
      const row = GOOD.length + i + 2;
      expect(dry.data.errors).toContainEqual({ row, message: expect.stringMatching(new RegExp(`^第${row}行：`)) });
      expect(dry.data.errors.find((e: any) => e.row === row).message).toMatch(b.says);
    });
    expect(dry.data.errors).toHaveLength(BAD.length);
    // PIPL: the ID card, address and phone columns are dropped and said so
    expect(dry.data.dropped).toEqual(expect.arrayContaining(['身份证号', '家庭住址', '联系电话']));
    expect(dry.data.classesCreated).toEqual(['八年级（3）班']);
    const after = await h.store.dump!();
    for (const t of ['students', 'classes', 'roster_guardians']) expect(after[t]).toEqual(before[t]);

    const applied = await importAs(fileId, false);
    expect(applied.data).toMatchObject({ rows: 12, created: 5, updated: 0, unchanged: 0, dryRun: false });
    const list = await students();
    const imported = list.filter((s) => s.studentNo);
    expect(imported.map((s) => s.name).sort()).toEqual(['周五福', '孙三多', '李四喜', '赵一鸣', '钱二妹'].sort());
    // 2班, (2)班, （2）班, 八年级2班 are one class: the demo's 八年级（2）班; 八年级（3）班 was created
    expect(imported.filter((s) => s.classId === 'cls-simao-1-8-2')).toHaveLength(4);
    expect(imported.find((s) => s.name === '周五福')).toMatchObject({ classId: 'cls-simao-1-8-3', grade: 8, sex: 'M', birthDate: '2013-05-05', status: 'active' });
    expect(imported.find((s) => s.name === '李四喜')).toMatchObject({ birthDate: '2013-04-04', sex: 'F' });
    expect(await h.store.collection('classes').get('cls-simao-1-8-3')).toMatchObject({ name: '八年级（3）班', grade: 8, number: 3, status: 'open' });
    const g = await h.store.collection<any>('roster_guardians').find({ studentId: studentIdFor(SCHOOL, 'G5308022013010101') });
    expect(g.map((x) => [x.name, x.relation]).sort()).toEqual([['赵大山', '父亲'], ['钱小花', '母亲']]);
    // nothing of the dropped columns anywhere in the database
    const everything = JSON.stringify(await h.store.dump!());
    for (const secret of ['530802201301010011', '思茅区某街1号', '13800000001']) expect(everything).not.toContain(secret);
    // the bad rows were not applied
    expect(list.some((s) => s.studentNo === 'G5308022013070707' || s.studentNo === 'G5308022013101010')).toBe(false);
  });
});

test('导入 after 先检查 uses what the dry run read (not the file again), and the uploaded file is deleted by the import', async () => {
  const fileId = await upload(await xlsx([...GOOD, ...BAD.map((b) => b.row)]), 'roster.xlsx');
  const record = async () => h.store.collection<any>('sheet_uploads').get(fileId);
  const ref = (await record()).cloudFileId ?? fileId;
  const dry = await importAs(fileId, true);
  expect(dry.ok).toBe(true);
  // the reading kept on the record holds only the columns the import keeps
  const kept = JSON.stringify((await record()).roster);
  expect(kept).toContain('赵一鸣');
  for (const secret of ['530802201301010011', '思茅区某街1号', '13800000001']) expect(kept).not.toContain(secret);
  expect(await h.blobs.read(ref)).not.toBeNull();
  // the file is not read again: the import answers the same with the file gone (as if a purge had run)
  const bytes = (await h.blobs.read(ref))!;
  await h.blobs.remove(ref);
  const applied = await importAs(fileId, false);
  expect(applied.data).toEqual({ ...dry.data, dryRun: false });
  expect((await students()).filter((s) => s.studentNo)).toHaveLength(5);
  // and with the file back, the import deletes it (the children's full export is not kept once imported)
  await h.blobs.write(fileId, bytes, 'application/octet-stream');
  expect((await importAs(fileId, false)).data).toMatchObject({ created: 0, unchanged: 5 });
  expect(await h.blobs.read(ref)).toBeNull();
});

test('importing the same sheet again changes nothing; a changed class moves the student', async () => {
  const first = await upload(await xlsx(GOOD), 'a.xlsx');
  expect((await importAs(first, false)).data).toMatchObject({ created: 5, updated: 0, unchanged: 0 });
  const snapshot = await students();
  const again = await importAs(first, false);
  expect(again.data).toMatchObject({ rows: 5, created: 0, updated: 0, unchanged: 5, errors: [] });
  expect(await students()).toEqual(snapshot);

  const moved = GOOD.map((r) => (r[1] === '赵一鸣' ? Object.assign([...r], { 6: '八年级（3）班' }) : r));
  const second = await upload(csvUtf8(moved), 'b.csv');
  const res = await importAs(second, false);
  expect(res.data).toMatchObject({ created: 0, updated: 1, unchanged: 4 });
  const zhao = (await students()).find((s) => s.name === '赵一鸣');
  expect(zhao.classId).toBe('cls-simao-1-8-3');
  expect(zhao._id).toBe(studentIdFor(SCHOOL, 'G5308022013010101'));
});

test('only the school admin of that school (or a coordinator of the area) imports, and only a sheet they uploaded', async () => {
  const fileId = await upload(await xlsx(GOOD), 'a.xlsx');
  expect((await importAs(fileId, true, admin, 'sch-simao-2')).error?.code).toBe('FORBIDDEN');
  expect((await importAs(fileId, true, await h.as('DEMO-TEACHER'))).error?.code).toBe('FORBIDDEN');
  // another admin's upload: not theirs to import
  const coord = await h.as('DEMO-COORD-SIMAO');
  expect((await importAs(fileId, true, coord)).error?.code).toBe('FORBIDDEN');
  const own = await upload(await xlsx(GOOD), 'a.xlsx', coord);
  expect((await importAs(own, true, coord)).data).toMatchObject({ created: 5 });
  // a coordinator of another county
  const other = await h.asBinding({ role: 'coordinator', jurisdiction: 'ninger' });
  expect((await importAs(await upload(await xlsx(GOOD), 'a.xlsx', other), true, other)).error?.code).toBe('FORBIDDEN');
});

test('a sheet without the needed columns is refused as a whole, with what is missing', async () => {
  const fileId = await upload(await xlsx([['张三', '男']], ['姓名', '性别']), 'a.xlsx');
  const res = await importAs(fileId, true);
  expect(res.error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('学籍号') });
});
