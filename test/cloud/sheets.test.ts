/**
 * Reading an uploaded sheet (media/sheets.ts): exceljs's streaming reader first; when it fails on a file, the
 * whole-workbook reader, so a file Excel opens is not refused for the streaming reader's sake; a file neither
 * reads is refused in Chinese.
 */
import ExcelJS from 'exceljs';
import { tableFromSheet } from '../../src/cloud/media/sheets';
import { xlsx } from '../fixtures/roster';

const ROWS = [['思茅区倚象镇中心小学', '小学', '思茅区'], ['思茅区第四中学', '初中', '思茅区']];
const HEAD = ['学校名称', '学段', '所在县（区）'];

afterEach(() => jest.restoreAllMocks());

test('the streaming reader reads the first sheet as text rows', async () => {
  const table = await tableFromSheet(await xlsx(ROWS, HEAD), 'xlsx');
  expect(table).toEqual([HEAD, ...ROWS]);
});

test('when the streaming reader fails, the whole-workbook reader reads the same rows', async () => {
  const bytes = await xlsx(ROWS, HEAD);
  const stream = (ExcelJS as any).stream.xlsx;
  const broken = jest.spyOn(stream, 'WorkbookReader').mockImplementation(() => { throw new Error('stream broke'); });
  expect(await tableFromSheet(bytes, 'xlsx')).toEqual([HEAD, ...ROWS]);
  expect(broken).toHaveBeenCalled();
});

test('a file neither reader can open is refused in Chinese', async () => {
  await expect(tableFromSheet(Buffer.from('PK\u0003\u0004 not really a workbook'), 'xlsx')).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('表格打不开') });
});
