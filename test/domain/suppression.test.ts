import { suppressSeries, suppressTable, suppressTree, type CountNode, type CountRow, type ShownNode } from '../../src/domain/suppression';

const PARTS = ['finished', 'awaiting', 'declined', 'notReached'] as const;
type P = (typeof PARTS)[number];
const row = (id: string, p: Record<P, number>): CountRow<P> => ({ id, name: id, total: PARTS.reduce((s, k) => s + p[k], 0), parts: p });
const sum = (id: string, rows: CountRow<P>[]): CountRow<P> =>
  row(id, Object.fromEntries(PARTS.map((k) => [k, rows.reduce((s, r) => s + r.parts[k], 0)])) as Record<P, number>);

/**
 * Every equation (row and column) with its withheld cells: an equation gives
 * something away when exactly one cell is withheld, or its withheld cells add
 * up to 1-4 (a small group). Answers how many do.
 */
function derivable(orig: CountRow<P>[], parent: ReturnType<typeof suppressTable<P>>['parent'], rows: ReturnType<typeof suppressTable<P>>['rows']) {
  const all = [parent, ...rows];
  const cols: Array<(r: { total: any; parts: any }) => number | null> = [(r) => r.total, ...PARTS.map((k) => (r: { parts: any }) => r.parts[k])];
  const cell = (r: number, c: number) => ({ shown: cols[c](all[r]), value: cols[c](orig[r]) as number });
  const eqs: Array<Array<{ shown: number | null; value: number }>> = [
    ...all.map((_, r) => cols.map((__, c) => cell(r, c))),
    ...(rows.length ? cols.map((_, c) => all.map((__, r) => cell(r, c))) : []),
  ];
  // the first cell of each equation is its sum
  return eqs.filter((e) => {
    const hidden = e.filter((x) => x.shown === null);
    const group = hidden.reduce((s, x) => s + x.value, 0);
    return hidden.length === 1 || (e[0].shown !== null && group > 0 && group < 5);
  }).length;
}

describe('suppression', () => {
  test('a class of 1: nothing about it is shown, not even that nobody declined', () => {
    const one = row('c1', { finished: 1, awaiting: 0, declined: 0, notReached: 0 });
    const { parent } = suppressTable(one, [], PARTS);
    expect(parent.total).toBeNull();
    expect(Object.values(parent.parts).every((v) => v === null)).toBe(true);
  });

  test('one small part in a row takes a partner, so the row total cannot give it away', () => {
    const r = row('c', { finished: 40, awaiting: 3, declined: 0, notReached: 7 });
    const { parent } = suppressTable(r, [], PARTS);
    expect(parent.parts.awaiting).toBeNull();
    expect(parent.total).toBe(50);
    // the rest cannot pin the awaiting count: at least one more part is withheld
    expect(Object.values(parent.parts).filter((v) => v === null).length).toBeGreaterThanOrEqual(2);
  });

  test('a partner that holds children, not a 0: zeros stay shown (a 0 withheld beside a 1 would still leave 1)', () => {
    // the demo class: 6 on the roll, 5 awaiting consent, 1 not reached
    const r = row('c', { finished: 0, awaiting: 5, declined: 0, notReached: 1 });
    const { parent } = suppressTable(r, [], PARTS);
    expect(parent).toMatchObject({ total: 6, parts: { finished: 0, awaiting: null, declined: 0, notReached: null } });
    expect(derivable([r], parent, [])).toBe(0);
  });

  test('a county total minus its schools does not reveal a small school', () => {
    const schools = [
      row('s1', { finished: 2, awaiting: 0, declined: 0, notReached: 1 }), // a school of 3
      row('s2', { finished: 100, awaiting: 10, declined: 6, notReached: 30 }),
      row('s3', { finished: 200, awaiting: 20, declined: 8, notReached: 12 }),
    ];
    const county = sum('county', schools);
    const out = suppressTable(county, schools, PARTS);
    expect(out.rows[0].total).toBeNull();
    expect(out.parent.total).toBe(county.total);
    expect(derivable([county, ...schools], out.parent, out.rows)).toBe(0);
    // the partner withheld is another school's total, not the county's
    expect(out.rows.filter((r) => r.total === null).length).toBeGreaterThanOrEqual(2);
  });

  test('random tables: no row or column equation ever gives a withheld cell or a small group away, and nothing 1-4 is shown', () => {
    let seed = 7;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    for (let t = 0; t < 300; t++) {
      const schools = Array.from({ length: 1 + rnd(6) }, (_, i) => row(`s${i}`, {
        finished: rnd(3) ? rnd(60) : rnd(5), awaiting: rnd(8), declined: rnd(6), notReached: rnd(20),
      }));
      const county = sum('c', schools);
      const out = suppressTable(county, schools, PARTS);
      expect(derivable([county, ...schools], out.parent, out.rows)).toBe(0);
      for (const r of [out.parent, ...out.rows]) {
        for (const v of [r.total, ...Object.values(r.parts)]) if (v !== null) expect(v === 0 || v >= 5).toBe(true);
      }
    }
  });

  test('two small classes next to a big one: their sum (2) is not left as the school total minus the big class', async () => {
    const classes = [
      row('a', { finished: 1, awaiting: 0, declined: 0, notReached: 0 }),
      row('b', { finished: 0, awaiting: 1, declined: 0, notReached: 0 }),
      row('c', { finished: 10, awaiting: 10, declined: 0, notReached: 0 }),
    ];
    const school = sum('s', classes);
    const out = suppressTable(school, classes, PARTS);
    expect(derivable([school, ...classes], out.parent, out.rows)).toBe(0);
    expect(out.rows[2].total === null || out.parent.total === null).toBe(true);
  });

  test('a trend of two campaigns: the later count is withheld when they differ by 1-4', () => {
    expect(suppressSeries([120, 121])).toEqual([120, null]);
    expect(suppressSeries([120, 125])).toEqual([120, 125]);
    expect(suppressSeries([3, 40, 44, 80])).toEqual([null, 40, null, 80]);
    // against every earlier shown value, not only the neighbour
    expect(suppressSeries([100, 200, 102])).toEqual([100, 200, null]);
  });

  describe('a tree shown on one page (county, schools, classes)', () => {
    const SIGN = ['signed', 'unsigned'] as const;
    type S = (typeof SIGN)[number];
    const leaf = (id: string, signed: number, unsigned: number): CountNode<S> => ({ id, name: id, total: signed + unsigned, parts: { signed, unsigned } });
    const node = (id: string, children: CountNode<S>[]): CountNode<S> => ({
      id, name: id, children,
      total: children.reduce((s, c) => s + c.total, 0),
      parts: { signed: children.reduce((s, c) => s + c.parts.signed, 0), unsigned: children.reduce((s, c) => s + c.parts.unsigned, 0) },
    });
    /** Equations that give something away, over every row and every parent's columns, anywhere in the tree. */
    function leaks(orig: CountNode<S>, shown: ShownNode<S>): string[] {
      const out: string[] = [];
      const cells = (o: CountNode<S>, v: ShownNode<S>) => [
        { shown: v.total, value: o.total }, ...SIGN.map((k) => ({ shown: v.parts[k], value: o.parts[k] })),
      ];
      const check = (name: string, eq: Array<{ shown: number | null; value: number }>) => {
        const hidden = eq.filter((x) => x.shown === null);
        const group = hidden.reduce((s, x) => s + x.value, 0);
        if (hidden.length === 1 || (eq[0].shown !== null && group > 0 && group < 5)) out.push(name);
      };
      const walk = (o: CountNode<S>, v: ShownNode<S>) => {
        for (const c of cells(o, v)) if (c.shown !== null && c.shown !== c.value) out.push(`${o.id}: shown ${c.shown} for ${c.value}`);
        for (const c of cells(o, v)) if (c.shown !== null && c.shown > 0 && c.shown < 5) out.push(`${o.id}: small ${c.shown}`);
        check(`${o.id} row`, cells(o, v));
        const kids = o.children ?? [];
        if (kids.length) {
          for (let c = 0; c < SIGN.length + 1; c++) {
            check(`${o.id} column ${c}`, [cells(o, v)[c], ...kids.map((k, i) => cells(k, v.children![i])[c])]);
          }
          kids.forEach((k, i) => walk(k, v.children![i]));
        }
      };
      walk(orig, shown);
      return out;
    }

    test('the county from the walk: a class of 1 and a school of 1 give nothing away, through the county or the school', () => {
      const tree = node('思茅区', [node('一中', [leaf('八(1)', 0, 1), leaf('八(2)', 1, 4)]), node('二中', [leaf('七(1)', 0, 1)])]);
      const out = suppressTree(tree, SIGN);
      expect(leaks(tree, out)).toEqual([]);
      expect(out.parts.signed).toBeNull(); // 1 of 7
      const [one, two] = out.children!;
      expect(one.children![0]).toMatchObject({ total: null, parts: { signed: null, unsigned: null } });
      expect(two).toMatchObject({ total: null, parts: { signed: null, unsigned: null } });
    });

    test('big enough everywhere: every figure shown as it is', () => {
      const tree = node('县', [node('A', [leaf('a1', 10, 20), leaf('a2', 0, 30)]), node('B', [leaf('b1', 25, 5)])]);
      const out = suppressTree(tree, SIGN);
      expect(out).toMatchObject({ total: 90, parts: { signed: 35, unsigned: 55 }, suppressed: false });
      expect(out.children![0].children![1]).toMatchObject({ total: 30, parts: { signed: 0, unsigned: 30 }, suppressed: false });
    });

    test('random three-level trees: no row or column at any level gives a withheld cell or a small group away', () => {
      let seed = 11;
      const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
      let withheld = 0;
      for (let t = 0; t < 300; t++) {
        const tree = node('c', Array.from({ length: 1 + rnd(4) }, (_, s) => node(`s${s}`, Array.from({ length: 1 + rnd(4) }, (__, k) =>
          leaf(`s${s}k${k}`, rnd(3) ? rnd(30) : rnd(5), rnd(3) ? rnd(30) : rnd(5))))));
        const out = suppressTree(tree, SIGN);
        expect(leaks(tree, out)).toEqual([]);
        if (out.suppressed) withheld++;
      }
      expect(withheld).toBeGreaterThan(50); // the trees do have small cells to protect
    });

  });
});
