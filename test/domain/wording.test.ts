/**
 * One name for the product's screening in everything a person reads: 心理测评
 * (测评). Every string literal, template and JSX text under src/ (pages, page
 * titles, server messages, outbox titles, content) is read with the
 * TypeScript parser; comments and identifiers are not user-visible and may
 * keep "screening" or 筛查.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SRC = path.resolve(__dirname, '../../src');
const OTHER_NAMES = /心理筛查|筛查|心理小问卷/;

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) yield full;
  }
}

/** Every piece of text a user could read in a file: string literals, template parts, JSX text. */
export function visibleTexts(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isJsxText(n)) out.push(n.text);
    else if (ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) out.push(n.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

test('the scan finds text in literals, templates and JSX, and not in comments', () => {
  const found = visibleTexts('x.tsx', "// 心理筛查\nconst a = '甲';\nconst b = `乙${a}丙`;\nconst c = <Text>丁</Text>;");
  expect(found).toEqual(expect.arrayContaining(['甲', '乙', '丙', '丁']));
  expect(found.join('')).not.toContain('心理筛查');
});

test('user-visible text says 心理测评 / 测评, never 心理筛查, 筛查 or 心理小问卷', () => {
  const offending: string[] = [];
  for (const file of sourceFiles(SRC)) {
    for (const t of visibleTexts(file, readFileSync(file, 'utf8'))) {
      if (OTHER_NAMES.test(t)) offending.push(`${path.relative(SRC, file)}: ${t}`);
    }
  }
  expect(offending).toEqual([]);
});
