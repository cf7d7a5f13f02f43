/**
 * What the class teacher is told after 私下提醒未签的家长: what actually
 * happened, count by count (issue 18: "今天已经提醒过了" when nobody was
 * reminded and four children had no guardian bound hid the real problem).
 */
export interface NudgeResult { nudged: number; alreadyToday: number; noGuardianLinked: number }

export function nudgeMessage(r: NudgeResult): string {
  const parts: string[] = [];
  if (r.nudged > 0) parts.push(`已私下提醒 ${r.nudged} 位家长，只有他们自己能看到。`);
  if (r.alreadyToday > 0) parts.push(`${r.alreadyToday} 位家长今天已经提醒过了，明天可以再提醒。`);
  if (r.noGuardianLinked > 0) parts.push(`${r.noGuardianLinked} 名学生还没有绑定家长，提醒不到：请当面或打电话告诉家长，并把家长邀请码交给他们。`);
  if (parts.length === 0) parts.push('没有需要提醒的家长。');
  return parts.join('');
}
