/**
 * What a correction of a monthly return changed: for each replaced version,
 * the figures whose number differs from the version that replaced it
 * ("交通事故死亡人数：2 → 3"). The history keeps each replaced version's
 * values; the version after the last one is the return as it stands now.
 */
export interface FigureChange { id: string; label: string; from: number | null; to: number | null }

export function returnChanges(
  labels: { id: string; label: string }[],
  replaced: { version: number; values: Record<string, number> }[],
  current: Record<string, number | null>,
): Map<number, FigureChange[]> {
  const byVersion = [...replaced].sort((a, b) => a.version - b.version);
  const out = new Map<number, FigureChange[]>();
  byVersion.forEach((v, i) => {
    const next: Record<string, number | null> = byVersion[i + 1]?.values ?? current;
    out.set(v.version, labels
      .map((f) => ({ id: f.id, label: f.label, from: v.values[f.id] ?? null, to: next[f.id] ?? null }))
      .filter((c) => c.from !== c.to));
  });
  return out;
}
