/**
 * Counting what a person wrote as a person counts it. JavaScript's
 * `length` counts UTF-16 units: an emoji is 2, a family emoji 11, and ten
 * "characters" of emoji passed a 10-character minimum. We count grapheme
 * clusters (what one sees as one character), and ask that a description
 * has words in it, not only emoji or punctuation.
 */

/** A wordy character: a letter of any script (汉字 included) or a digit. */
const WORDY = /[\p{L}\p{N}]/u;
/** Marks that never stand alone: combining marks, variation selectors, zero-width joiner, skin tones, tag characters. */
const JOINS = /[\p{M}\u200d\ufe0e\ufe0f\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}]/u;

type SegmenterCtor = new (locale?: string, opts?: { granularity: 'grapheme' }) => { segment(s: string): Iterable<{ segment: string }> };

/** The characters of `text` as a person sees them (Intl.Segmenter where there is one: Node 16+, modern browsers). */
export function graphemes(text: string): string[] {
  const Segmenter = (Intl as unknown as { Segmenter?: SegmenterCtor }).Segmenter;
  if (Segmenter) return Array.from(new Segmenter('zh', { granularity: 'grapheme' }).segment(text), (s) => s.segment);
  // Without it (some mini-program engines): code points, with joiners and marks glued to what they follow.
  const out: string[] = [];
  let joinNext = false;
  for (const cp of Array.from(text)) {
    if (out.length > 0 && (joinNext || JOINS.test(cp))) out[out.length - 1] += cp;
    else out.push(cp);
    joinNext = cp === '\u200d';
  }
  return out;
}

/** How many characters a person sees. */
export const graphemeCount = (text: string) => graphemes(text).length;

/** How many of them are letters or digits (not emoji, punctuation or spaces). */
export const wordyCount = (text: string) => graphemes(text).filter((g) => WORDY.test(g)).length;

/** A description needs this many letters or digits, whatever else it holds. */
export const MIN_WORDY = 5;
