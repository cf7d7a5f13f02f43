import type { Invitation, Student } from '../../domain/catalog';
import type { Store } from '../store/types';

export interface SeedData {
  students: Student[];
  invitations: Invitation[];
}

/**
 * Seeds the records the demo codes point at. Idempotent: every row has a
 * stable id and is upserted, so running it on every `npm start` is safe.
 * Invitation rows keep `usedBy` when re-seeded (single-use codes stay used).
 */
export async function seedDemo(store: Store, data: SeedData) {
  const students = store.collection('students');
  for (const s of data.students) await students.put({ _id: s.id, ...s });
  const invitations = store.collection('invitations');
  for (const inv of data.invitations) {
    const existing = await invitations.get(inv.code);
    await invitations.put({ _id: inv.code, ...inv, usedBy: (existing?.usedBy as string | null | undefined) ?? null });
  }
}
