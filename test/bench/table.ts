/** The bench's output: sections of markdown tables, printed and written to test/.artifacts/bench.md. */
export interface Section { title: string; note?: string; head: string[]; rows: Array<Array<string | number>> }

export const kb = (bytes: number) => (bytes / 1024).toFixed(1);
export const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');

export function markdown(sections: Section[], header: string): string {
  const out = [header, ''];
  for (const s of sections) {
    out.push(`### ${s.title}`, '');
    if (s.note) out.push(s.note, '');
    out.push(`| ${s.head.join(' | ')} |`, `|${s.head.map(() => '---').join('|')}|`);
    for (const r of s.rows) out.push(`| ${r.join(' | ')} |`);
    out.push('');
  }
  return out.join('\n');
}
