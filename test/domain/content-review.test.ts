/**
 * docs/content-review.md lists every clause of a lesson or letter that states
 * a number, an age, a date, a law or a legal consequence, with its source or
 * "to confirm". This test keeps that list complete: a new fact in the text
 * fails here, and the failure prints the rows to add (source: to confirm).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { ALL_LESSONS } from '../../src/content/lessons/index';
import { holidayCalendar } from '../../src/content/puer/holidays';
import { letterContent } from '../../src/content/puer/letters';

/** A clause that states a fact: a digit, a law's title, an age, a measure of time or distance, or a legal consequence. */
const FACT = /\d|《|法律规定|法规规定|国家规定|法律禁止|法律要求|法律明确|法律明令|条例|周岁|违法|犯罪|刑事|[一二三四五六七八九十两]+个?(周岁|岁|米|分钟|小时|天|月|年|秒)/;
const clauses = (t: string) => t.split(/[。；！？\n]/).map((c) => c.trim().replace(/^[”“"]+|[”“"]+$/g, '')).filter((c) => c.length >= 4);

function factRows(): Array<{ where: string; clause: string }> {
  const rows: Array<{ where: string; clause: string }> = [];
  const seen = new Set<string>();
  const add = (where: string, clause: string) => {
    if (seen.has(`${where}|${clause}`)) return;
    seen.add(`${where}|${clause}`);
    rows.push({ where, clause });
  };
  for (const l of ALL_LESSONS) {
    const texts = [l.intro, ...l.keyPoints, ...l.whatToDo, ...l.whoToCall.map((w) => w.when), ...l.quiz.flatMap((q) => [q.text, q.options[q.correct], q.explanation])];
    for (const t of texts) for (const c of clauses(t)) if (FACT.test(c)) add(l.id, c);
  }
  for (const b of letterContent.blocks) {
    for (const t of [...b.lines, ...Object.values(b.forHoliday ?? {}).flat(), ...b.pledges.map((p) => p.text)]) {
      for (const c of clauses(t)) if (FACT.test(c)) add(`letter: ${b.topic}`, c);
    }
  }
  for (const f of holidayCalendar.festivals ?? []) add('letter: festival', `${f.name}：${f.line}`);
  return rows;
}

const doc = readFileSync(join(__dirname, '../../docs/content-review.md'), 'utf8');
/** Section 5's table rows: where → clause → source. */
const listed = new Map<string, string>();
for (const line of doc.split('\n')) {
  const cells = line.split('|').map((c) => c.trim());
  if (cells.length >= 5 && cells[1] && cells[2] && !/^-+$/.test(cells[1])) listed.set(`${cells[1]}|${cells[2]}`, cells[3]);
}

test('there are facts to review, and the checklist has rows', () => {
  expect(factRows().length).toBeGreaterThan(100);
  expect(listed.size).toBeGreaterThan(100);
});

test('every fact clause of every lesson and letter is in docs/content-review.md with a source or "to confirm"', () => {
  const missing = factRows().filter((r) => !listed.has(`${r.where}|${r.clause.replace(/\|/g, '｜')}`));
  // paste these into section 5 of docs/content-review.md, then find the source
  expect(missing.map((r) => `| ${r.where} | ${r.clause} | to confirm | |`)).toEqual([]);
  for (const r of factRows()) expect([r.where, r.clause, (listed.get(`${r.where}|${r.clause}`) ?? 'x').length > 0]).toEqual([r.where, r.clause, true]);
});

test('the checklist would catch a new fact (a clause with an age, a law, a distance)', () => {
  for (const c of ['不满16岁不能骑电动车', '《未成年人保护法》规定', '离开8米以上', '这是违法的', '每天睡够十个小时']) expect(FACT.test(c)).toBe(true);
  for (const c of ['不要一个人去河边', '告诉老师和家长']) expect(FACT.test(c)).toBe(false);
});
