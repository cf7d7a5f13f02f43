/**
 * What a subject review found dangerous or wrong in lessons and letters
 * (issue 16, "Content corrections"), as rules over all of the text a child or
 * a guardian reads. Each rule is checked here against the shipped content and
 * against the statements the review found, so a rule that stops catching them
 * fails too. Sources for the facts: docs/content-review.md.
 */
import { ALL_LESSONS } from '../../src/content/lessons/index';
import { LESSON_TOPICS } from '../../src/content/lessons/topics';
import type { Lesson } from '../../src/content/lessons/types';
import { holidayCalendar } from '../../src/content/puer/holidays';
import { letterContent } from '../../src/content/puer/letters';
import { asq, gad7, phqA } from '../../src/content/screening';
import { campaignsOf, type Campaign } from '../../src/domain/holiday';
import { composeLetter, type Letter } from '../../src/domain/letter';
// Latin letters in a child's or guardian's text (the quiz's own marks follow the same rule)
import { latinProblem } from './latin';

// ---- the rules ----------------------------------------------------------------

/** Clauses: split on sentence and clause ends, so "X；不满12岁不能坐" does not excuse X. */
const clauses = (text: string) => text.split(/[。；！？\n]/).map((c) => c.trim()).filter(Boolean);

/** Saying no: a negation, a ban, or the licence (which needs 18). */
const SAYS_NO = /不|没有|无证|禁止|违法|拒绝|别|驾驶证|驾照|18/;
/** The e-bike and the motorcycle named together, as one thing ("电动车、摩托车"). */
const LISTED_TOGETHER = /电动(自行)?车[、和或与及]摩托|摩托车?[、和或与及]电动/;
/**
 * A clause that lets a child ride or ride on a motorcycle: it names the
 * motorcycle and sitting or riding, and says no such thing as "not", "without a
 * licence is illegal", "18". And a clause that puts the motorcycle with the
 * e-bike under the age of 16 reads as if 16-year-olds may ride one.
 */
function motorcycleProblem(text: string): string | null {
  for (const c of clauses(text)) {
    if (!/摩托/.test(c)) continue;
    if (/16/.test(c) && LISTED_TOGETHER.test(c)) return c;
    if (/坐|乘|骑|带|载|开/.test(c) && !SAYS_NO.test(c)) return c;
  }
  return null;
}

/**
 * A drowning emergency: whoever calls must call the police or the fire
 * service (110 or 119: they send rescuers to the water), then 120. A clause
 * about someone in the water that calls only 120, an ambulance or "a number"
 * is caught; once the person is out of the water (救上来后) 120 is right.
 */
function drowningCallProblem(text: string): string | null {
  for (const c of clauses(text)) {
    if (!/落水|溺水|掉进水|掉到水/.test(c)) continue;
    if (/救上|上岸后|救起后/.test(c)) continue;
    if (!/打|拨|电话|120|救护车/.test(c)) continue;
    if (!/110|119|报警/.test(c)) return c;
  }
  return null;
}

/** "他" for a child in a pledge: the pledge says 孩子 or 他/她. 其他 and 他人 are not about the child. */
const pronounProblem = (pledge: string) => (/他|她/.test(pledge.replace(/他\/她|其他|他人/g, '')) ? pledge : null);


/** A break letter's online block: game time, people met online, payments; and one line each on mood and on sexual abuse. */
function breakLetterMissing(letter: Letter): string[] {
  const online = letter.sections.find((s) => s.topic === 'online')?.lines.join('') ?? '';
  const all = letter.sections.flatMap((s) => s.lines).join('');
  const missing: string[] = [];
  if (!/游戏/.test(online) || !/时间|点到/.test(online)) missing.push('game time');
  if (!/网上认识|网友/.test(online)) missing.push('people met online');
  if (!/付钱|支付|充值/.test(online)) missing.push('payments');
  if (!/12356|不开心|心情/.test(all)) missing.push('mental health');
  if (!/隐私|不能摸|摸了/.test(all)) missing.push('sexual abuse');
  return missing;
}

// ---- the text a child or guardian reads ---------------------------------------

/** Advice in a lesson: what it tells you to do, and the quiz's right answers with their question. */
const lessonAdvice = (l: Lesson) => [
  ...l.keyPoints,
  ...l.whatToDo,
  ...l.whoToCall.map((w) => `${w.name}${w.number ?? ''}：${w.when}`),
  // a question and its right answer read as one clause: "骑摩托车带孩子，哪一样是对的：大人孩子都戴好头盔"
  ...l.quiz.map((q) => `${q.text.replace(/[？?：:]+$/, '')}：${q.options[q.correct]}`),
];
/** Everything in a lesson a reader sees. */
const lessonText = (l: Lesson) => [
  l.title, l.intro, ...lessonAdvice(l), ...l.quiz.flatMap((q) => [q.text, ...q.options, q.explanation]),
];

const campaigns = [
  ...campaignsOf(holidayCalendar),
  // 孟连's campaigns with 泼水节 (the 清明 letters, the last before it)
  ...campaignsOf(holidayCalendar, {}, 'menglian').filter((c) => c.festivals.length > 0).map((c) => ({ ...c, id: `${c.id}@menglian` })),
];
const letters = campaigns.map((c) => [c.id, composeLetter(c, letterContent), c] as const);
const letterLines = (l: Letter) => [...l.intro, ...l.sections.flatMap((s) => [s.title, ...s.lines]), ...l.closing, ...l.pledges.map((p) => p.text)];
/** Every block line, including the lines only some holidays bring. */
const allBlockLines = letterContent.blocks.flatMap((b) => [
  b.title, ...b.lines, ...Object.values(b.forHoliday ?? {}).flat(), ...b.pledges.map((p) => p.text),
]);

// ---- the rules catch what the review found ------------------------------------

describe('the rules catch the statements the subject review found', () => {
  test.each([
    '坐大人的摩托车、电动车，要戴好头盔，坐稳扶好。',
    '坐摩托车、电动车一定要戴安全头盔；不满12周岁的孩子不能坐摩托车后座。',
    '孩子不满16岁，我不让他骑电动车、摩托车。',
    '不满16岁的孩子，不能骑电动车、摩托车上路。',
    '骑摩托车带孩子，下面哪一样是对的：大人孩子都戴好头盔',
  ])('motorcycle: %s', (text) => {
    expect(motorcycleProblem(text)).not.toBeNull();
  });

  test.each([
    '不满12岁的孩子，不能坐摩托车后座。',
    '摩托车要年满18岁、考到驾照才能骑。',
    '17岁的同学骑摩托车带你去县城，下列说法正确的是：他未取得驾驶证，属于无证驾驶，你也不应乘坐',
    '和孩子说清楚：不满16岁不骑电动车上路，没有驾照不骑摩托车，这是法律规定',
  ])('motorcycle, said safely: %s', (text) => {
    expect(motorcycleProblem(text)).toBeNull();
  });

  test('drowning: 120 alone is caught, 110 or 119 passes', () => {
    expect(drowningCallProblem('看到有人落水，要大声喊大人，打 110 或 120，不要自己跳下去拉。')).toBeNull();
    expect(drowningCallProblem('看到有人落水，要大声喊大人，打 120，不要自己跳下去拉。')).not.toBeNull();
    expect(drowningCallProblem('有同学溺水了，马上打电话叫救护车。')).not.toBeNull();
    expect(drowningCallProblem('看到有人落水，马上打 119，再打 120。')).toBeNull();
    expect(drowningCallProblem('落水的人被救上来后，马上打120叫救护车。')).toBeNull();
    expect(drowningCallProblem('您自己看到有人落水，也先喊人、报警，不要让孩子下水帮忙。')).toBeNull();
  });

  test('pronoun and Latin letters', () => {
    expect(pronounProblem('孩子不满16岁，我不让他骑电动车。')).not.toBeNull();
    expect(pronounProblem('孩子不满16岁，我不让孩子骑电动车。')).toBeNull();
    expect(pronounProblem('我不让他/她单独去见网友，也不见其他陌生人。')).toBeNull();
    expect(latinProblem('和家长一起安装“国家反诈中心”App')).toEqual(['App']);
    expect(latinProblem('恶意P图')).toEqual(['P']);
    expect(latinProblem('看“SC”开头的编号，拨打12110879')).toEqual([]);
  });

  test('a break letter without its online block is caught', () => {
    const summer = letters.find(([id]) => id === 'summer_break-2026')![1];
    expect(breakLetterMissing({ ...summer, sections: summer.sections.filter((s) => s.topic !== 'online' && s.topic !== 'wellbeing') }))
      .toEqual(['game time', 'people met online', 'payments', 'mental health', 'sexual abuse']);
  });
});

// ---- the shipped content --------------------------------------------------------

describe('lessons', () => {
  it.each(ALL_LESSONS.map((l) => [l.id, l] as const))('%s: no minor on a motorcycle, drowning calls 110 or 119', (_id, l) => {
    expect(lessonAdvice(l).map(motorcycleProblem).filter(Boolean)).toEqual([]);
    expect(lessonText(l).map(drowningCallProblem).filter(Boolean)).toEqual([]);
  });

  it.each(ALL_LESSONS.map((l) => [l.id, l] as const))('%s: no Latin letters but numbers and SC', (_id, l) => {
    expect(lessonText(l).flatMap(latinProblem)).toEqual([]);
  });

  test('a primary pupil is never told to move a wire with a stick; older pupils only for low-voltage wiring, 8 m from a fallen line', () => {
    for (const l of ALL_LESSONS) {
      for (const c of lessonText(l).flatMap(clauses)) {
        if (!/木棍|木棒|竹竿|绝缘物/.test(c) || !/电/.test(c)) continue;
        expect({ id: l.id, band: l.band }).not.toEqual({ id: l.id, band: expect.stringMatching(/^primary/) });
        expect({ id: l.id, clause: c, lowVoltage: /低压|家用/.test(c) }).toEqual({ id: l.id, clause: c, lowVoltage: true });
      }
    }
    const fallen = ALL_LESSONS.filter((l) => l.topic === 'public_safety' && l.band !== 'primary_lower' && l.band !== 'parent');
    for (const l of fallen) expect([l.id, lessonText(l).some((t) => /8米/.test(t))]).toEqual([l.id, true]);
  });

  test('a child under 15 is never left to think a good swimmer may jump in to rescue: the lesson says 会游泳也一样', () => {
    // The official 六不 says "不熟悉水性的学生不擅自下水施救"; read alone by a 10- or 13-year-old it permits the
    // strong swimmer (walk 18). Every primary and junior lesson that speaks of rescuing from the water says plainly
    // that pupils stay on the bank, swimmers too.
    const young = ALL_LESSONS.filter((l) => l.topic === 'drowning' && /^primary|junior/.test(l.band));
    for (const l of young) {
      const text = lessonText(l).join('');
      if (!/下水(施)?救/.test(text)) continue;
      expect([l.id, /会游泳也/.test(text)]).toEqual([l.id, true]);
    }
    expect(young.some((l) => /会游泳也/.test(lessonText(l).join('')))).toBe(true);
  });

  test('an SMS to the police gives Pu\'er\'s number 12110879', () => {
    const sms = ALL_LESSONS.flatMap((l) => lessonText(l).flatMap(clauses).filter((c) => /短信/.test(c) && /报警|警察/.test(c)).map((c) => [l.id, c]));
    expect(sms.length).toBeGreaterThan(0);
    for (const [id, c] of sms) expect([id, c, /12110879/.test(c)]).toEqual([id, c, true]);
  });

  test('the topic titles and summaries (首页, 课程) pass the same rules', () => {
    const texts = LESSON_TOPICS.flatMap((t) => [t.title, t.summary, t.season?.reason ?? '']);
    expect(texts.map(motorcycleProblem).filter(Boolean)).toEqual([]);
    expect(texts.map(drowningCallProblem).filter(Boolean)).toEqual([]);
    expect(texts.flatMap(latinProblem)).toEqual([]);
    expect(LESSON_TOPICS.find((t) => t.id === 'disaster')!.season).toMatchObject({ fromMonth: 5, toMonth: 10 });
  });

  test('one rainy season everywhere: 5 to 10 (May-October)', () => {
    const ranges = ALL_LESSONS.flatMap((l) => lessonText(l).flatMap(clauses).filter((c) => /雨季/.test(c)))
      .flatMap((c) => [...c.matchAll(/(\d+|[一二三四五六七八九十]+)月(?:到|至|-)(\d+|[一二三四五六七八九十]+)月/g)].map((m) => `${m[1]}-${m[2]}`));
    expect(new Set(ranges.filter((r) => !r.startsWith('五月') && r !== '五-九'))).toEqual(new Set(['5-10']));
  });
});

describe('letters', () => {
  it.each(letters.map(([id, l]) => [id, l] as const))('%s: no minor on a motorcycle, drowning calls 110 or 119, pledges say 孩子', (_id, l) => {
    expect(letterLines(l).map(motorcycleProblem).filter(Boolean)).toEqual([]);
    expect(letterLines(l).map(drowningCallProblem).filter(Boolean)).toEqual([]);
    expect(l.pledges.map((p) => pronounProblem(p.text)).filter(Boolean)).toEqual([]);
    expect(letterLines(l).flatMap(latinProblem)).toEqual([]);
  });

  test('every block line, including the lines of one holiday, passes the same rules', () => {
    expect(allBlockLines.map(motorcycleProblem).filter(Boolean)).toEqual([]);
    expect(allBlockLines.map(drowningCallProblem).filter(Boolean)).toEqual([]);
    expect(allBlockLines.flatMap(latinProblem)).toEqual([]);
    for (const b of letterContent.blocks) expect(b.pledges.map((p) => pronounProblem(p.text)).filter(Boolean)).toEqual([]);
  });

  const breaks = letters.filter(([, , c]) => c.key === 'winter_break' || c.key === 'summer_break');
  it.each(breaks.map(([id, l]) => [id, l] as const))('%s: online block (game time, people met online, payments), mood and abuse lines', (_id, l) => {
    expect(breakLetterMissing(l)).toEqual([]);
  });

  test('traffic: e-bikes from 16, motorcycles with a licence (18), no back seat under 12, as three separate pledges', () => {
    const traffic = letterContent.blocks.find((b) => b.topic === 'traffic')!;
    const lines = traffic.lines.join('\n');
    expect(lines).toMatch(/不满16岁[^\n]*电动车/);
    expect(lines).toMatch(/摩托车[^\n]*18岁[^\n]*驾照/);
    expect(lines).toMatch(/不满12岁[^\n]*不能坐摩托车后座/);
    const pledges = traffic.pledges.map((p) => p.text);
    expect(pledges.filter((p) => /摩托/.test(p) && /电动/.test(p))).toEqual([]);
    expect(pledges.some((p) => /16岁/.test(p) && /电动车/.test(p))).toBe(true);
    expect(pledges.some((p) => /驾照/.test(p) && /摩托车/.test(p))).toBe(true);
    expect(pledges.some((p) => /12岁/.test(p) && /摩托车后座/.test(p))).toBe(true);
  });

  test('the 元旦 letter speaks of New Year, not of 过年 or 春节; the winter break (含春节) does', () => {
    for (const [id, l, c] of letters) {
      const text = letterLines(l).join('');
      if (c.key === 'new_year') {
        expect([id, /过年|春节|除夕|初一/.test(text), /元旦/.test(text)]).toEqual([id, false, true]);
      }
      if (c.key === 'winter_break' && c.includes.includes('spring_festival')) expect([id, /过年/.test(text)]).toEqual([id, true]);
    }
  });

  test('清明 brings grave-sweeping fires; 中秋 and 国庆 bring wild mushrooms', () => {
    const byKey = (key: string) => letters.filter(([, , c]) => c.key === key).map(([, l]) => l);
    for (const l of byKey('qingming')) {
      expect(l.sections.map((s) => s.topic)).toContain('fire');
      expect(l.sections.find((s) => s.topic === 'fire')!.lines.join('')).toMatch(/上坟|烧纸/);
    }
    for (const l of [...byKey('mid_autumn'), ...byKey('national_day')]) {
      expect(l.sections.find((s) => s.topic === 'food')?.lines.join('')).toMatch(/野生菌/);
    }
  });

  test('刷单 and 免费领皮肤 are explained in words a grandparent knows', () => {
    const fraud = letterContent.blocks.find((b) => b.topic === 'fraud')!.lines;
    expect(fraud.find((l) => l.includes('刷单'))).toMatch(/刷单[^\n]*：[^\n]*(垫钱|假装买)/);
    expect(fraud.find((l) => l.includes('皮肤'))).toMatch(/皮肤[^\n]*：[^\n]*游戏里/);
  });

  test('a county festival puts its line in that county\'s letter, and brings the drowning block in April', () => {
    const festive = letters.filter(([, , c]) => c.festivals.length > 0);
    expect(festive.map(([id]) => id)).toEqual(['qingming-2025@menglian', 'qingming-2026@menglian', 'qingming-2027@menglian']);
    for (const [, l] of festive) {
      const drowning = l.sections.find((s) => s.topic === 'drowning');
      expect(drowning?.lines.join('')).toMatch(/泼水节（4月13日至4月15日前后）/);
    }
    const plain: Campaign = letters.find(([id, , c]) => id === 'qingming-2026' && c.festivals.length === 0)![2];
    expect(composeLetter(plain, letterContent).sections.map((s) => s.topic)).not.toContain('drowning');
  });
});

// ---- screening text -----------------------------------------------------------

describe('screening text follows the published Chinese versions (ids, item counts and scoring unchanged)', () => {
  // written out by hand: the published options and a few items word for word
  const PUBLISHED_OPTIONS = ['完全不会', '好几天', '一半以上的天数', '几乎每天'];

  test('PHQ-A and GAD-7: the four published options, scored 0-3, on every item; 9 and 7 items', () => {
    for (const [inst, n] of [[phqA, 9], [gad7, 7]] as const) {
      expect(inst.items.map((i) => i.id)).toEqual(Array.from({ length: n }, (_, k) => `q${k + 1}`));
      for (const item of inst.items) expect(item.options).toEqual(PUBLISHED_OPTIONS.map((label, value) => ({ value, label })));
    }
  });

  test('items in the published words', () => {
    expect(phqA.items.find((i) => i.id === 'q2')!.text).toBe('做事时提不起劲或没有兴趣');
    expect(phqA.items.find((i) => i.id === 'q9')!.text).toBe('有不如死掉或用某种方式伤害自己的念头');
    expect(gad7.items.map((i) => i.text)).toEqual([
      '感觉紧张、焦虑或急切', '不能够停止或控制担忧', '对各种各样的事情担忧过多', '很难放松下来',
      '由于不安而无法静坐', '变得容易烦恼或急躁', '感到似乎将有可怕的事情发生而害怕',
    ]);
    for (const inst of [phqA, gad7]) expect(inst.stem).toMatch(/过去两个星期/);
  });

  test('ASQ: five yes/no items, asked directly; item 4 carries its follow-up (how, when) for the psychology teacher', () => {
    expect(asq.items.map((i) => i.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5']);
    expect(asq.items.find((i) => i.id === 'q3')!.text).toMatch(/过去一个星期/);
    expect(asq.items.find((i) => i.id === 'q1')!.text).toMatch(/过去几个星期/);
    expect(asq.items.find((i) => i.id === 'q5')!).toMatchObject({ askIf: 'positive', scored: false });
    const q4 = asq.items.find((i) => i.id === 'q4')!;
    expect(q4.text).toMatch(/曾经/);
    expect(q4.followUp).toMatch(/怎么/);
    expect(q4.followUp).toMatch(/什么时候/);
    expect(asq.items.filter((i) => i.followUp).map((i) => i.id)).toEqual(['q4']);
  });
});
