/**
 * The `sheet_uploads` rows and their clean-up, apart from sheets.ts (which
 * pulls in exceljs) so the scheduler function can purge without it.
 */
import type { Doc, Store } from '../store/types';
import type { BlobStore } from './blobs';

export type SheetKind = 'xlsx' | 'csv';
/** Roster sheets hold children's data: kept a day, then deleted. */
export const SHEET_TTL_MS = 24 * 3600 * 1000;

export interface SheetRecord extends Doc {
  kind: SheetKind;
  size: number;
  createdAt: number;
  /** who uploaded it: only they may import it */
  uploadedBy: string;
  cloudFileId?: string;
  /**
   * roster.import's reading of the sheet, only the columns it keeps (PIPL minimisation), stored by the first
   * import of the sheet (usually the 先检查 dry run) so the import itself does not read the file again; once
   * an import has used it, the uploaded file itself is deleted (sheets.ts keptRoster).
   */
  roster?: unknown;
}

/** Deletes sheets older than a day (row first, then bytes). */
export async function purgeSheets(store: Store, blobs: BlobStore, now: number): Promise<number> {
  const col = store.collection<SheetRecord>('sheet_uploads');
  const stale = await col.find({ createdAt: { $lt: now - SHEET_TTL_MS } }, { limit: 200 });
  for (const s of stale) {
    await col.remove(s._id);
    await blobs.remove(s.cloudFileId ?? s._id).catch(() => undefined);
  }
  return stale.length;
}

