/** Codes as people type them: spaces between the groups (as printed in groups), lower case, full-width dashes. */
import { normaliseCode } from '../../src/cloud/handlers/auth/redeem';

test.each([
  ['EKXS J92H EFJR', 'EKXS-J92H-EFJR'],
  ['  ekxs-j92h-efjr ', 'EKXS-J92H-EFJR'],
  ['EKXS - J92H—EFJR', 'EKXS-J92H-EFJR'],
  ['ＥＫＸＳ－Ｊ９２Ｈ－ＥＦＪＲ', 'EKXS-J92H-EFJR'],
  ['demo student', 'DEMO-STUDENT'],
])('%j reads as %s', (typed, code) => {
  expect(normaliseCode(typed)).toBe(code);
});
