/**
 * The domain is the heart (STYLE.md): pure rules over plain data. It owns the
 * types content is written in and takes content as an argument; it never
 * imports content, Taro, wx or the cloud layer, so the rules read (and test)
 * on their own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const DOMAIN = path.resolve(__dirname, '../../src/domain');
const files = readdirSync(DOMAIN).filter((f) => f.endsWith('.ts'));

test.each(files)('src/domain/%s imports only the domain, zod and dayjs', (file) => {
  const text = readFileSync(path.join(DOMAIN, file), 'utf8');
  const imports = [...text.matchAll(/^\s*(?:import|export)[^'"`;]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  expect(imports.filter((spec) => !(spec.startsWith('./') || spec === 'zod' || spec === 'dayjs'))).toEqual([]);
});

// ---- per-platform files (README "Layout") ------------------------------------------------------

const SRC = path.resolve(__dirname, '../../src');
const CHECK_FILE = path.resolve(__dirname, '../platform/platformFiles.check.ts');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}
const sources = walk(SRC).filter((f) => /\.(ts|tsx)$/.test(f));
const platformFile = /\.(weapp|h5)\.tsx?$/;
const unsuffixed = (f: string) => f.replace(/\.(weapp|h5)(\.tsx?)$/, '$2');
const siblingOf = (f: string) => [unsuffixed(f), unsuffixed(f).replace(/\.ts$/, '.tsx'), unsuffixed(f).replace(/\.tsx$/, '.ts')].find((x) => sources.includes(x));

test('every .weapp / .h5 file with an unsuffixed sibling is in the type check that proves they export the same names', () => {
  const checked = readFileSync(CHECK_FILE, 'utf8');
  const withSibling = sources.filter((f) => platformFile.test(f) && siblingOf(f));
  expect(withSibling.length).toBeGreaterThan(10); // the walk found them (today 18)
  const missing = withSibling
    .map((f) => '../../src/' + path.relative(SRC, f).replace(/\.tsx?$/, ''))
    .filter((spec) => !checked.includes(`'${spec}'`));
  expect(missing).toEqual([]);
});

test('a platform-only helper (no unsuffixed sibling) is imported only by files of its own platform', () => {
  const wrong: string[] = [];
  const helpers = sources.filter((f) => platformFile.test(f) && !siblingOf(f));
  expect(helpers.map((f) => path.basename(f)).sort()).toEqual(['cloud.weapp.ts', 'http.h5.ts']);
  for (const helper of helpers) {
    const platform = helper.match(platformFile)![1];
    const name = path.basename(helper).replace(/\.tsx?$/, '');
    for (const f of sources) {
      const imports = [...readFileSync(f, 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
      if (imports.some((spec) => spec.startsWith('.') && path.resolve(path.dirname(f), spec) === helper.replace(/\.tsx?$/, '')) &&
        !new RegExp(`\\.${platform}\\.tsx?$`).test(f)) wrong.push(`${path.relative(SRC, f)} imports ${name}`);
    }
  }
  expect(wrong).toEqual([]);
});
