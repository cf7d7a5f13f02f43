import { holidayCalendar } from '../../src/content/puer/holidays';
import { letterContent } from '../../src/content/puer/letters';
import { campaignsOf } from '../../src/domain/holiday';
import { composeLetter, pledgeFitsAge, pledgesForAge } from '../../src/domain/letter';

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

describe('pledges for a child\'s age', () => {
  const all = letterContent.blocks.flatMap((b) => b.pledges);
  const pledge = (id: string) => all.find((p) => p.id === id)!;

  test('the age rules of the letter carry their ages, and only they: a pledge that names an age says which children it is for', () => {
    expect(pledge('traffic.no_pillion_under12').ages).toEqual({ under: 12 });
    expect(pledge('traffic.no_ebike_under16').ages).toEqual({ under: 16 });
    for (const p of all) {
      const named = /(\d+)岁/.exec(p.text);
      // the licence pledge is for every child without one (its age, 18, is the licence's, not the pledge's)
      expect([p.id, named ? Number(named[1]) : null]).toEqual([p.id, p.ages?.under ?? p.ages?.from ?? null]);
    }
  });

  test('不满12岁 is up to the day before the 12th birthday; 年满 from it; no ages: every child; unknown age: every pledge', () => {
    const under12 = { id: 'a', text: '', ages: { under: 12 } };
    const from16 = { id: 'b', text: '', ages: { from: 16 } };
    const teen = { id: 'c', text: '', ages: { from: 13, under: 18 } };
    const always = { id: 'd', text: '' };
    expect([0, 11, 12, 13].map((age) => pledgeFitsAge(under12, age))).toEqual([true, true, false, false]);
    expect([15, 16, 17].map((age) => pledgeFitsAge(from16, age))).toEqual([false, true, true]);
    expect([12, 13, 17, 18].map((age) => pledgeFitsAge(teen, age))).toEqual([false, true, true, false]);
    expect([0, 30].map((age) => pledgeFitsAge(always, age))).toEqual([true, true]);
    expect(pledgesForAge([under12, from16, teen, always], null)).toEqual([under12, from16, teen, always]);
    expect(pledgesForAge([under12, from16, teen, always], 13).map((p) => p.id)).toEqual(['c', 'd']);
  });

  test('the winter break letter: 11 has both traffic age rules, 13 the e-bike one, 17 neither; the rest is the same', () => {
    const letter = composeLetter(byId('winter_break-2027'), letterContent);
    const ids = (age: number | null) => pledgesForAge(letter.pledges, age).map((p) => p.id);
    expect(ids(null)).toEqual(expect.arrayContaining(['traffic.no_pillion_under12', 'traffic.no_ebike_under16']));
    expect(ids(11)).toEqual(ids(null));
    expect(ids(13)).toEqual(ids(null).filter((id) => id !== 'traffic.no_pillion_under12'));
    expect(ids(17)).toEqual(ids(null).filter((id) => id !== 'traffic.no_pillion_under12' && id !== 'traffic.no_ebike_under16'));
  });
});
