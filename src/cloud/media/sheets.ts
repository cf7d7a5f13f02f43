/**
 * Roster sheets (issue 14): the .xlsx or .csv (UTF-8 or GBK) a school exports
 * from the 学籍 system, uploaded through POST /upload by a school admin or a
 * coordinator and read by `roster.import`. Kept apart from photos: another
 * collection (`sheet_uploads`) and ids starting with 's', so a sheet can never
 * be attached to a report or a signature, and only its uploader can import
 * it. Sheets hold children's data: they are deleted a day after upload
 * (purgeSheets, run by the scheduler).
 *
 * Parsing is exceljs (xlsx, and csv through its fast-csv reader with every
 * value kept as text, so 学籍号 0012 keeps its zeros) and iconv-lite (GBK).
 */
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError } from '../../domain/errors';
import type { Clock } from '../core/context';
import { randomToken } from '../core/crypto';
import type { Store } from '../store/types';
import type { SheetKind, SheetRecord } from './sheetRecords';

export { purgeSheets, SHEET_TTL_MS, type SheetKind, type SheetRecord } from './sheetRecords';
import type { BlobStore } from './blobs';

export const MAX_SHEET_BYTES = 5 * 1024 * 1024;

export const SHEET_MESSAGES = {
  tooLarge: '表格文件太大了（最大5MB）。请只导出本校学生，或分年级导出。',
  notSheet: '只能导入 Excel（.xlsx）或 CSV 表格。如果是 .xls 老格式，请在 Excel 里“另存为 .xlsx”。',
  unreadable: '这个表格打不开，可能文件已损坏。请重新从学籍系统导出后再试。',
  missing: '没有找到上传的表格（表格只保存一天），请重新上传。',
  notYours: '只能导入自己上传的表格，请重新上传。',
  mayNot: '只有学校管理员、平安办协调员和教育体育局可以上传名册和学校名单。',
} as const;

const SHEET_ID = /^s[A-Za-z0-9_-]{24}$/;
export const isSheetId = (s: string) => SHEET_ID.test(s);

/** Which kind of sheet the bytes are, by their content and the file name; null when neither. */
export function sniffSheet(bytes: Buffer, filename = ''): SheetKind | null {
  const name = filename.toLowerCase();
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) return name.endsWith('.csv') ? null : 'xlsx';
  if (name.endsWith('.xlsx') || name.endsWith('.xls')) return null;
  // text: no NUL bytes in the first 4 KB
  if (bytes.subarray(0, 4096).includes(0)) return null;
  return name.endsWith('.csv') || name.endsWith('.txt') || !name ? 'csv' : null;
}

/** True when a multipart part looks like a spreadsheet rather than a photo (by name or declared type). */
export const looksLikeSheet = (filename: string, mimetype: string) =>
  /\.(xlsx|xls|csv)$/i.test(filename) || /spreadsheet|excel|csv/i.test(mimetype);

export async function saveSheet(store: Store, blobs: BlobStore, bytes: Buffer, filename: string, uploadedBy: string, clock: Clock): Promise<{ fileId: string; kind: SheetKind }> {
  if (bytes.length > MAX_SHEET_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', SHEET_MESSAGES.tooLarge);
  const kind = sniffSheet(bytes, filename);
  if (!kind) throw new AppError('UNSUPPORTED_MEDIA', SHEET_MESSAGES.notSheet);
  const fileId = 's' + randomToken(18);
  const ref = await blobs.write(fileId, bytes, kind === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv');
  const row: SheetRecord = { _id: fileId, kind, size: bytes.length, createdAt: clock.now().getTime(), uploadedBy, ...(ref !== fileId ? { cloudFileId: ref } : {}) };
  await store.collection<SheetRecord>('sheet_uploads').insert(row);
  return { fileId, kind };
}

export async function readSheet(store: Store, blobs: BlobStore, fileId: string, userId: string): Promise<{ bytes: Buffer; kind: SheetKind }> {
  if (!isSheetId(fileId)) throw new AppError('NOT_FOUND', SHEET_MESSAGES.missing);
  const row = await store.collection<SheetRecord>('sheet_uploads').get(fileId);
  if (!row) throw new AppError('NOT_FOUND', SHEET_MESSAGES.missing);
  if (row.uploadedBy !== userId) throw new AppError('FORBIDDEN', SHEET_MESSAGES.notYours);
  const bytes = await blobs.read(row.cloudFileId ?? row._id);
  if (!bytes) throw new AppError('NOT_FOUND', SHEET_MESSAGES.missing);
  return { bytes, kind: row.kind };
}

/**
 * The roster as an earlier import of this sheet read it (the columns kept, not the file), or null when none did
 * yet. `dropFile`: the uploaded file (with whatever columns the school's export had: ID card, address, phone) is
 * deleted now, as its reading is kept (committed by that earlier request, so a retry of this one still finds it).
 */
export async function keptRoster<T>(store: Store, blobs: BlobStore, fileId: string, userId: string, dropFile: boolean): Promise<T | null> {
  if (!isSheetId(fileId)) return null;
  const row = await store.collection<SheetRecord>('sheet_uploads').get(fileId);
  if (!row || row.uploadedBy !== userId || row.roster === undefined) return null;
  if (dropFile) await blobs.remove(row.cloudFileId ?? row._id).catch(() => undefined);
  return row.roster as T;
}

/** Keeps roster.import's reading of a sheet on its record (only the kept columns), for the import that follows. */
export async function keepRoster(store: Store, fileId: string, roster: unknown): Promise<void> {
  if (isSheetId(fileId)) await store.collection<SheetRecord>('sheet_uploads').update(fileId, { set: { roster } });
}

/** CSV text: UTF-8 (with or without BOM) when it decodes as UTF-8, otherwise GBK (what Excel on Chinese Windows writes). */
export function decodeCsv(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return iconv.decode(bytes, 'gbk');
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as the text a person sees: dates as YYYY-MM-DD, rich text joined, formulas by their result. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; result?: unknown; text?: unknown; error?: unknown };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if ('result' in o) return cellText(o.result);
    if (typeof o.text === 'string') return o.text;
  }
  return '';
}

/** The first worksheet as rows of text (row 1 = index 0). */
export async function tableFromSheet(bytes: Buffer, kind: SheetKind): Promise<string[][]> {
  // loaded when a sheet is read: exceljs is large, and the rest of the api function never needs it
  const mod = await import('exceljs');
  const lib = ((mod as { default?: typeof ExcelJS }).default ?? mod) as typeof ExcelJS;
  const table: string[][] = [];
  const put = (n: number, values: unknown) => {
    const v = Array.isArray(values) ? values : [];
    const cells: string[] = [];
    for (let i = 1; i < v.length; i++) cells.push(cellText(v[i]));
    table[n - 1] = cells;
  };
  try {
    if (kind === 'xlsx') {
      try {
        // exceljs's streaming reader: about twice as fast as loading the whole workbook (no drawing of
        // styles beyond what tells a date from a number), and only the first worksheet is read
        const reader = new lib.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
          sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit',
        });
        for await (const sheet of reader as unknown as AsyncIterable<AsyncIterable<{ number: number; values: unknown }>>) {
          for await (const row of sheet) put(row.number, row.values);
          break;
        }
      } catch {
        // The streaming reader failed on a file (seen once under load in CI, not reproducible): the whole-workbook
        // reader is slower but reads what Excel reads; only when it fails too is the file unreadable.
        table.length = 0;
        const wb = new lib.Workbook();
        await wb.xlsx.load(bytes as unknown as ArrayBuffer);
        wb.worksheets[0]?.eachRow({ includeEmpty: true }, (row, n) => put(n, row.values));
      }
    } else {
      const ws = await new lib.Workbook().csv.read(Readable.from([decodeCsv(bytes)]), { map: (value: unknown) => value } as never);
      ws.eachRow({ includeEmpty: true }, (row, n) => put(n, row.values));
    }
  } catch {
    throw new AppError('BAD_INPUT', SHEET_MESSAGES.unreadable);
  }
  for (let i = 0; i < table.length; i++) table[i] ??= [];
  return table;
}
