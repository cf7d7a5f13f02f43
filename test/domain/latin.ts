/**
 * The Latin-letter rule for what a child or guardian reads, shared by the
 * content review (content-safety.test.ts) and the pages that frame it (the
 * quiz's option marks and verdicts, test/components/quiz.test.tsx).
 *
 * Latin letters are allowed only as numbers and these codes: SC, the letters
 * every food production licence number starts with (食品生产许可管理办法:
 * SC + 14 digits), which a child is taught to look for.
 */
export const ALLOWED_LATIN = new Set(['SC']);
export const latinProblem = (text: string) => (text.match(/[A-Za-z]+/g) ?? []).filter((w) => !ALLOWED_LATIN.has(w));
