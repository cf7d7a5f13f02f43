/**
 * A quiz question that asks for the thing never to do ("下列哪一项千万不能做？"). Its right answer is
 * a danger: the quiz marks it ⛔, never with a green ✔ (issue 18), and says it must not be done. It is still
 * the right answer, so its frame is the right answer's (green, 正确答案), never the red of a wrong pick.
 */
export function asksWhatNeverToDo(question: string): boolean {
  // 最危险 too: the parents' fire quiz asks "哪种取暖做法最危险？", and its answer is the charcoal brazier in a closed room
  return /(哪|什么)[^？?]{0,8}(千万不能|绝对不能|不能做|不可以做|不应该做|不要做|是错误的|是错的|是危险的|最危险)/.test(question);
}
