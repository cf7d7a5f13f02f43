/**
 * weapp package sizes (sum of file sizes, as WeChat counts a package) next to
 * the bare hello-world built in the same run.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { kb, ratio, type Section } from './table';

const WECHAT_PACKAGE_LIMIT = 2 * 1024 * 1024;
/** ours ÷ bare, for the main package: the brief's aim (1.5 × 277.7 KB ≈ 416 KB). */
export const MAIN_AIM = 1.5;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

export function packageSizes(out: string): Record<string, number> {
  const app = JSON.parse(readFileSync(path.join(out, 'app.json'), 'utf8'));
  const roots: string[] = (app.subPackages ?? app.subpackages ?? []).map((p: { root: string }) => p.root.replace(/\/$/, ''));
  const sizes: Record<string, number> = { main: 0, ...Object.fromEntries(roots.map((r) => [r, 0])) };
  for (const f of files(out)) {
    const rel = path.relative(out, f).split(path.sep).join('/');
    const pkg = roots.find((r) => rel === r || rel.startsWith(r + '/')) ?? 'main';
    sizes[pkg] += statSync(f).size;
  }
  return sizes;
}

export function sizesSection(ours: string, bare: string): { section: Section; overLimit: string[] } {
  const o = packageSizes(ours);
  const b = packageSizes(bare);
  const rows: Section['rows'] = [];
  const overLimit: string[] = [];
  for (const [name, bytes] of Object.entries(o)) {
    if (bytes > WECHAT_PACKAGE_LIMIT) overLimit.push(`${name} ${kb(bytes)} KB`);
    rows.push([name, kb(bytes), name === 'main' ? kb(b.main) : '', name === 'main' ? ratio(bytes, b.main) : '', name === 'main' ? `≤ ${MAIN_AIM}×: ${bytes <= MAIN_AIM * b.main ? 'met' : 'not met'}` : (bytes <= WECHAT_PACKAGE_LIMIT ? '≤ 2 MB' : 'OVER 2 MB')]);
  }
  const total = Object.values(o).reduce((x, y) => x + y, 0);
  rows.push(['total', kb(total), kb(b.main), ratio(total, b.main), '']);
  return {
    section: {
      title: 'weapp packages (KB, sum of file sizes)',
      note: 'Bare = the Taro 4.2.1 React hello-world (`taro init`, default template; test/fixtures/hello-taro) built in this run with the same node_modules.',
      head: ['package', 'ours', 'bare', 'ratio', 'aim'],
      rows,
    },
    overLimit,
  };
}
