import type { EndedPost } from '../../services/auth';
import Notice from '../Notice';
import { timeText } from '../timeText';

/** "您在…的…岗位已由学校结束（…）": one line per post of mine ended in the last 30 days. */
export const endedPostText = (p: EndedPost) =>
  `您在${p.place ?? ''}的${p.roleName}岗位已由${p.bySchool ? '学校' : '平安办'}结束（${timeText(p.endedAt)}）。如有疑问，请联系${p.bySchool ? '学校管理员' : '平安办协调员'}。`;

/**
 * My staff posts that the school ended (auth.me's endedPosts), on 我的 and 首页: a removed teacher's phone says why
 * its role is gone, not only 还没有绑定身份 (walk 14b #13).
 */
export default function EndedPosts({ posts }: { posts: EndedPost[] }) {
  return <>{posts.map((p, i) => <Notice key={i} type='info'>{endedPostText(p)}</Notice>)}</>;
}
