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
