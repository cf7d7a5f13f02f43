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
  const hidden = primary(all, parts);
  // The parent as the table one level up showed it (a county in the city's table): a cell withheld there stays
  // withheld here, or the county's own page would give away what the city's page hid (found walking the desk:
  // 普洱市 8, both counties "<5"; 思茅区's page said 7, so 宁洱 had 1).
  if (parentWithheld) {
    if (parentWithheld.total === null) hidden[0][0] = true;
    parts.forEach((p, i) => { if (parentWithheld.parts[p] === null) hidden[0][i + 1] = true; });
  }
  const groups: Pos[][] = all.map((_, r) => rowEquation(r, parts));
  if (children.length) groups.push(...columnEquations(all.map((_, r) => r), parts));
  // the parent's cells are sums only of its children's: a lone row's parts are parts
  complement(all, parts, hidden, groups, (p) => p.c === 0 || (p.r === 0 && children.length > 0));
  return { parent: shownRow(parent, hidden[0], parts), rows: children.map((row, i) => shownRow(row, hidden[i + 1], parts)) };
}

/** A row of a tree of counts: a city, its counties, their schools, their classes. */
export interface CountNode<P extends string = string> extends CountRow<P> { children?: readonly CountNode<P>[] }
export interface ShownNode<P extends string = string> extends ShownRow<P> { children?: ShownNode<P>[] }

/**
 * Suppresses a whole tree at once (a page that shows a county, its schools and
 * their classes together): every row's equation and every parent's column
 * equations (parent = Σ its children) are solved together, so a cell withheld
 * as a partner at one level is withheld wherever that row appears, and no
 * two levels can be played against each other. Cells of deeper rows are
 * preferred as partners, keeping the higher levels' totals visible.
 */
export function suppressTree<P extends string>(root: CountNode<P>, parts: readonly P[]): ShownNode<P> {
  const all: CountNode<P>[] = [];
  const depth: number[] = [];
  const kids: number[][] = [];
  const add = (n: CountNode<P>, d: number): number => {
    const i = all.length;
    all.push(n); depth.push(d); kids.push([]);
    for (const c of n.children ?? []) kids[i].push(add(c, d + 1));
    return i;
  };
  add(root, 0);
  const hidden = primary(all, parts);
  const groups: Pos[][] = all.map((_, r) => rowEquation(r, parts));
  kids.forEach((k, r) => { if (k.length) groups.push(...columnEquations([r, ...k], parts)); });
  complement(all, parts, hidden, groups, (p) => p.c === 0 || kids[p.r].length > 0, (p) => -depth[p.r]);
  const build = (i: number): ShownNode<P> => {
    const node: ShownNode<P> = shownRow(all[i], hidden[i], parts);
    if (all[i].children) node.children = kids[i].map(build);
    return node;
  };
  return build(0);
}

const valueOf = <P extends string>(row: CountRow<P>, parts: readonly P[], c: number) => (c === 0 ? row.total : row.parts[parts[c - 1]]);

/** 1. primary: any count 1-4 withheld; a row whose total is 1-4 withheld whole. */
function primary<P extends string>(all: readonly CountRow<P>[], parts: readonly P[]): boolean[][] {
  return all.map((row) => {
    const cols = parts.length + 1;
    if (isSmall(row.total)) return Array.from({ length: cols }, () => true);
    return Array.from({ length: cols }, (_, c) => isSmall(valueOf(row, parts, c)));
  });
}

/** A row's equation: its total (first, the sum) and its parts. */
const rowEquation = (r: number, parts: readonly unknown[]): Pos[] => Array.from({ length: parts.length + 1 }, (_, c) => ({ r, c }));

/** A parent's column equations: for each column, the parent's cell (first, the sum) and its children's. */
const columnEquations = (rows: readonly number[], parts: readonly unknown[]): Pos[][] =>
  Array.from({ length: parts.length + 1 }, (_, c) => rows.map((r) => ({ r, c })));

/**
 * 2. complementary: an equation with exactly one withheld cell, or with its sum
 * shown and withheld cells adding up to 1-4, gets its smallest shown cell
 * withheld (a part before a sum, and with the sum shown a part that is not 0; then
 * `rank`, lower first), until none is left.
 */
function complement<P extends string>(all: readonly CountRow<P>[], parts: readonly P[], hidden: boolean[][], groups: readonly Pos[][],
  isSum: (p: Pos) => boolean, rank: (p: Pos) => number = () => 0): void {
  const value = (p: Pos) => valueOf(all[p.r], parts, p.c);
  for (let changed = true; changed;) {
    changed = false;
    for (const g of groups) {
      const withheld = g.filter((p) => hidden[p.r][p.c]);
      // one withheld cell is the sum minus the rest; with the sum shown, withheld parts adding up to 1-4 name a group under 5
      const sumShown = !hidden[g[0].r][g[0].c];
      const group = withheld.reduce((s, p) => s + value(p), 0);
      if (withheld.length === 0 || (withheld.length > 1 && !(sumShown && isSmall(group)))) continue;
      let shown = g.filter((p) => !hidden[p.r][p.c]);
      if (!shown.length) continue;
      // With the sum shown, a 0 taken as the partner leaves the withheld group as small as it was (and another partner
      // follows): a part that holds children comes first when there is one
      const counts = sumShown ? shown.filter((p) => !isSum(p) && value(p) > 0) : [];
      if (counts.length) shown = counts;
      shown.sort((a, b) => Number(isSum(a)) - Number(isSum(b)) || value(a) - value(b) || rank(a) - rank(b) || a.r - b.r || a.c - b.c);
      hidden[shown[0].r][shown[0].c] = true;
      changed = true;
    }
  }
}

function shownRow<P extends string>(row: CountRow<P>, hidden: readonly boolean[], parts: readonly P[]): ShownRow<P> {
  return {
    id: row.id,
    name: row.name,
    total: hidden[0] ? null : row.total,
    parts: Object.fromEntries(parts.map((p, i) => [p, hidden[i + 1] ? null : row.parts[p]])) as Record<P, number | null>,
    suppressed: hidden.some(Boolean),
  };
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

/** A sum of shown figures tells nothing they do not: null when any of them is withheld. */
export const sumShown = (values: ReadonlyArray<number | null>): number | null =>
  (values.some((v) => v === null) ? null : values.reduce<number>((a, v) => a + v!, 0));

/** A percentage of two counts, null when either is withheld. */
export const shownPct = (num: number | null, den: number | null): number | null =>
  num === null || den === null || den <= 0 ? null : Math.round((num * 1000) / den) / 10;

/** For a cell on screen or in the export. */
export const cellText = (n: number | null, unit = ''): string => (n === null ? SUPPRESSED_TEXT : `${n}${unit}`);
