/**
 * Composes the letter to parents (告家长书) of a campaign from topic blocks.
 * Pure: the blocks are a city's data (src/content/puer/letters.ts).
 */
import { HOLIDAY_NAMES, type Campaign, type HolidayKey, type TopicId } from './holiday';

/** 'care' (knowing where the child is) is in every letter; the others follow the season. */
export type BlockTopic = TopicId | 'care';

/**
 * The children a pledge is for, by age in whole years (周岁) on the day the
 * guardian reads or signs (China time). `under: 12` is 不满12岁 (the law's
 * words: up to the day before the 12th birthday); `from: 16` is 年满16岁 (from
 * the 16th birthday on). Both: from `from` up to, not including, `under`.
 * A pledge without `ages` is for every child. The letter's `lines` have no
 * ages: they inform every family, only the pledges are promises for a child.
 */
export interface PledgeAges { under?: number; from?: number }

export interface Pledge {
  id: string;
  text: string;
  /** only for children of these ages (see PledgeAges); none: every child */
  ages?: PledgeAges;
}
export interface TopicBlock {
  topic: BlockTopic;
  title: string;
  lines: string[];
  /** lines added when the campaign is (or includes) that holiday: 清明's grave-sweeping fires, 元旦's fireworks */
  forHoliday?: Partial<Record<HolidayKey, string[]>>;
  pledges: Pledge[];
}

export interface LetterContent {
  sender: string;
  greeting: string;
  /** `{holiday}` is replaced by the campaign's name */
  intro: string[];
  closing: string[];
  blocks: TopicBlock[];
}

export interface LetterPledge extends Pledge { topic: BlockTopic }

export interface Letter {
  title: string;
  greeting: string;
  /** 放假时间 … 开学 … */
  dates: string;
  intro: string[];
  sections: Array<{ topic: BlockTopic; title: string; lines: string[] }>;
  closing: string[];
  sender: string;
  pledges: LetterPledge[];
}

/** '2026-06-19' → '6月19日' */
export const dayText = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

export function holidayLabel(c: Pick<Campaign, 'key' | 'includes'>): string {
  const inside = c.includes.filter((k) => k !== c.key).map((k) => HOLIDAY_NAMES[k]);
  return HOLIDAY_NAMES[c.key] + (inside.length ? `（含${inside.join('、')}）` : '');
}

/**
 * The letter of a campaign. A county's festival in the campaign's window
 * (泼水节 in 孟连) adds its line to the block of its danger, and brings that
 * block when the season alone would not (drowning in April).
 */
export function composeLetter(c: Campaign, content: LetterContent): Letter {
  const festivals = c.festivals ?? [];
  const wanted: BlockTopic[] = ['care', ...c.topics];
  for (const f of festivals) if (!wanted.includes(f.risk)) wanted.splice(1, 0, f.risk);
  const keys: HolidayKey[] = [c.key, ...c.includes];
  const linesOf = (b: TopicBlock) => [
    ...b.lines,
    ...keys.flatMap((k) => b.forHoliday?.[k] ?? []),
    ...festivals.filter((f) => f.risk === b.topic).map((f) => `${f.name}（${dayText(f.start)}至${dayText(f.end)}${f.provisional ? '前后' : ''}）：${f.line}`),
  ];
  const blocks = wanted
    .map((t) => content.blocks.find((b) => b.topic === t))
    .filter((b): b is TopicBlock => Boolean(b));
  const label = holidayLabel(c);
  const days = c.start === c.end ? dayText(c.start) : `${dayText(c.start)}至${dayText(c.end)}`;
  return {
    title: `${c.year}年${label}假期安全告家长书`,
    greeting: content.greeting,
    dates: `放假时间：${days}。${dayText(c.resume)}开学${c.provisional ? '（以国务院正式公布的日期为准）' : ''}。`,
    intro: content.intro.map((p) => p.split('{holiday}').join(label)),
    sections: blocks.map((b) => ({ topic: b.topic, title: b.title, lines: linesOf(b) })),
    closing: content.closing,
    sender: content.sender,
    pledges: blocks.flatMap((b) => b.pledges.map((p) => ({ ...p, topic: b.topic }))),
  };
}

/** Does a pledge apply to a child of this age (whole years)? `null`: the age is not known, every pledge applies. */
export const pledgeFitsAge = (p: Pledge, age: number | null): boolean =>
  age === null || ((p.ages?.under === undefined || age < p.ages.under) && (p.ages?.from === undefined || age >= p.ages.from));

/**
 * The pledges a guardian promises for a child of this age, in the letter's
 * order. An unknown age (no birth date on record) gets every pledge: stricter
 * is safer — an age rule asked of an older child's guardian costs one tick,
 * one left out for a younger child is a promise never made.
 */
export const pledgesForAge = <P extends Pledge>(pledges: readonly P[], age: number | null): P[] =>
  pledges.filter((p) => pledgeFitsAge(p, age));
