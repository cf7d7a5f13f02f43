/**
 * Small-number suppression for tables of children counts: no figure may
 * describe fewer than 5 children, and none may be worked out from the others.
 *
 * A table is a parent row (a county) and its child rows (its schools); each
 * row has a total (children on the roll) and parts that add up to it
 * (finished, awaiting consent, declined, not reached). So every row is an
 * equation (total = Σ parts) and every column is one (parent = Σ children).
 *
 *  1. Primary: any count from 1 to 4 is withheld; a row whose total is 1–4 is
 *     withheld whole (a class of 1 says nothing, not even "0 declined").
 *  2. Complementary: an equation with exactly one withheld cell gives it away
 *     (county total minus its shown schools), and several withheld cells that
 *     add up to 1–4 give away a small group; so the smallest shown cell of
 *     that equation is withheld too, repeated until every equation has no
 *     withheld cell, or at least two adding up to 0 or 5 and more.
 *
 * Series (a trend over periods of overlapping groups of children: two
 * campaigns, two school years) are guarded by `suppressSeries`: two shown
 * values may not differ by 1–4.
 *
 * Withheld cells are `null`; the screens and the export write "不显示" (a cell
 * may be withheld to protect another, so "<5" would not be true of it).
 *
 * Levels: a table one level down (a county's schools) takes its parent row
 * as the table above showed it (`parentWithheld`), so drilling down never
 * shows what the level above withheld.
 */
export const MIN_CELL = 5;
export const SUPPRESSED_TEXT = '<5';

export const isSmall = (n: number) => n > 0 && n < MIN_CELL;

export interface CountRow<P extends string = string> {
  id: string;
  name: string;
  total: number;
  parts: Record<P, number>;
}

export interface ShownRow<P extends string = string> {
  id: string;
  name: string;
  total: number | null;
  parts: Record<P, number | null>;
  /** any cell of this row withheld */
  suppressed: boolean;
}

type Pos = { r: number; c: number };

/**
 * Suppresses a parent row and its child rows together (see the top of the
 * file). `parts` is the column order. Zero counts are shown unless needed as
 * a complement.
 */
export function suppressTable<P extends string>(parent: CountRow<P>, children: readonly CountRow<P>[], parts: readonly P[], parentWithheld?: ShownRow<P>):
  { parent: ShownRow<P>; rows: ShownRow<P>[] } {
  const all = [parent, ...children];
  const cols = ['#total', ...parts] as const;
  const value = (r: number, c: number) => (c === 0 ? all[r].total : all[r].parts[parts[c - 1]]);
  const hidden = all.map(() => cols.map(() => false));
  // The parent as the table one level up showed it (a county in the city's table): a cell withheld there stays
  // withheld here, or the county's own page would give away what the city's page hid (found walking the desk:
  // 普洱市 8, both counties "<5"; 思茅区's page said 7, so 宁洱 had 1).
  if (parentWithheld) {
    if (parentWithheld.total === null) hidden[0][0] = true;
    parts.forEach((p, i) => { if (parentWithheld.parts[p] === null) hidden[0][i + 1] = true; });
  }
  // 1. primary
  all.forEach((row, r) => {
    if (isSmall(row.total)) cols.forEach((_, c) => { hidden[r][c] = true; });
    else cols.forEach((_, c) => { if (isSmall(value(r, c))) hidden[r][c] = true; });
  });
  // 2. complementary, over the row equations and the column equations (the column ones only when there are children)
  // each equation lists its sum cell first (a row's total, a column's parent)
  const groups: Pos[][] = [];
  all.forEach((_, r) => groups.push(cols.map((__, c) => ({ r, c }))));
  if (children.length) cols.forEach((_, c) => groups.push(all.map((__, r) => ({ r, c }))));
  for (let changed = true; changed;) {
    changed = false;
    for (const g of groups) {
      const withheld = g.filter((p) => hidden[p.r][p.c]);
      // one withheld cell is the sum minus the rest; with the sum shown, withheld parts adding up to 1-4 name a group under 5
      const sumShown = !hidden[g[0].r][g[0].c];
      const group = withheld.reduce((s, p) => s + value(p.r, p.c), 0);
      if (withheld.length === 0 || (withheld.length > 1 && !(sumShown && isSmall(group)))) continue;
      // the partner: the smallest shown cell, preferring a part/child over a sum (keeps totals visible)
      const shown = g.filter((p) => !hidden[p.r][p.c]);
      if (!shown.length) continue;
      const isSum = (p: Pos) => p.c === 0 || p.r === 0;
      shown.sort((a, b) => Number(isSum(a)) - Number(isSum(b)) || value(a.r, a.c) - value(b.r, b.c) || a.r - b.r || a.c - b.c);
      const pick = shown[0];
      hidden[pick.r][pick.c] = true;
      changed = true;
    }
  }
  const shownRow = (row: CountRow<P>, r: number): ShownRow<P> => ({
    id: row.id,
    name: row.name,
    total: hidden[r][0] ? null : row.total,
    parts: Object.fromEntries(parts.map((p, i) => [p, hidden[r][i + 1] ? null : row.parts[p]])) as Record<P, number | null>,
    suppressed: hidden[r].some(Boolean),
  });
  return { parent: shownRow(parent, 0), rows: children.map((row, i) => shownRow(row, i + 1)) };
}

/**
 * A series of counts over periods whose groups of children overlap (the same
 * school's two campaigns, two school years): values 1–4 are withheld, and of
 * two shown values that differ by 1–4 the later is withheld, so no
 * difference names fewer than 5 children.
 */
export function suppressSeries(values: ReadonlyArray<number | null>): Array<number | null> {
  const out = values.map((v) => (v !== null && isSmall(v) ? null : v));
  for (let j = 0; j < out.length; j++) {
    const v = out[j];
    if (v === null) continue;
    for (let i = 0; i < j; i++) {
      const u = out[i];
      if (u !== null && isSmall(Math.abs(v - u))) { out[j] = null; break; }
    }
  }
  return out;
}

/** A percentage of two counts, null when either is withheld. */
export const shownPct = (num: number | null, den: number | null): number | null =>
  num === null || den === null || den <= 0 ? null : Math.round((num * 1000) / den) / 10;

/** For a cell on screen or in the export. */
export const cellText = (n: number | null, unit = ''): string => (n === null ? SUPPRESSED_TEXT : `${n}${unit}`);
