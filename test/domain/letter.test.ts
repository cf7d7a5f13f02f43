import { holidayCalendar } from '../../src/content/puer/holidays';
import { letterContent } from '../../src/content/puer/letters';
import { campaignsOf } from '../../src/domain/holiday';
import { composeLetter } from '../../src/domain/letter';

const campaigns = campaignsOf(holidayCalendar);
const byId = (id: string) => campaigns.find((c) => c.id === id)!;

test('every topic a campaign can carry has a block with at least one pledge, and pledge ids are unique', () => {
  const ids = letterContent.blocks.flatMap((b) => b.pledges.map((p) => p.id));
  expect(new Set(ids).size).toBe(ids.length);
  for (const c of campaigns) {
    for (const t of c.topics) expect(letterContent.blocks.find((b) => b.topic === t)?.pledges.length).toBeGreaterThan(0);
  }
});

test('the 端午 letter: care first, then drowning, with the pledges the issue names', () => {
  const letter = composeLetter(byId('dragon_boat-2026'), letterContent);
  expect(letter.title).toBe('2026年端午节假期安全告家长书');
  expect(letter.dates).toBe('放假时间：6月19日至6月21日。6月22日开学。');
  expect(letter.sections.map((s) => s.topic).slice(0, 2)).toEqual(['care', 'drowning']);
  const texts = letter.pledges.map((p) => p.text);
  expect(texts).toContain('我知道孩子去哪里、和谁在一起、走哪条路、什么时候回家。');
  expect(texts).toContain('孩子不在没有大人看护时下水游泳。');
  expect(letter.sections.map((s) => s.topic)).not.toContain('fireworks');
  expect(letter.intro[0]).toContain('端午节就要到了');
});

test('the winter break letter names 春节 inside it, carries fireworks and no drowning, and says 2027 is provisional', () => {
  const letter = composeLetter(byId('winter_break-2027'), letterContent);
  expect(letter.title).toContain('寒假（含春节）');
  expect(letter.sections.map((s) => s.topic)).toEqual(expect.arrayContaining(['fire', 'gas', 'fireworks', 'traffic', 'fraud']));
  expect(letter.sections.map((s) => s.topic)).not.toContain('drowning');
  const ny = composeLetter(byId('new_year-2027'), letterContent);
  expect(ny.dates).toContain('以国务院正式公布的日期为准');
});

test('a grandparent can read it: short lines, no line longer than 60 characters', () => {
  for (const b of letterContent.blocks) {
    for (const line of [...b.lines, ...Object.values(b.forHoliday ?? {}).flat(), ...b.pledges.map((p) => p.text)]) expect([line, [...line].length <= 60]).toEqual([line, true]);
  }
  for (const f of holidayCalendar.festivals ?? []) expect([...`${f.name}（4月13日至4月15日前后）：${f.line}`].length).toBeLessThanOrEqual(60);
});
