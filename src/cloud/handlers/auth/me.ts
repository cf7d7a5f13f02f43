import { z } from 'zod';
import { content } from '../../../content';
import { guardianWhoLine, ROLE_NAMES } from '../../../domain/roles';
import { defineAction } from '../../core/action';
import { dir } from '../../core/directory';
import type { StaffPostDoc } from '../../core/enrol';
import type { GuardianRequestDoc } from './redeem';

/** How long 我的 and 首页 say that a post of mine was ended (staff.end). */
export const ENDED_POSTS_SHOWN_MS = 30 * 24 * 3600_000;

/**
 * My roles, and for each a line saying who I am in it (我的 shows it, so a grandparent with two grandchildren or
 * a child on a shared phone can see the binding is the right one): a student's own name and class, a guardian's
 * name and relation with the child's name and class, a staff member's name (and a class teacher's class).
 * Only my own bindings' people: the child a guardian is bound to, never anyone else.
 *
 * `pendingGuardian`: my own guardian codes waiting for the class teacher (the name I gave was not on the roster),
 * so 我的 can say a request is on its way. Only the school, the class and when: not the child's name, since a
 * name that did not match may mean the code was not mine.
 *
 * `endedPosts`: my own staff posts that someone else (the school, a coordinator) ended in the last 30 days, so a
 * removed teacher's phone says why its role is gone instead of only 还没有绑定身份. The post and place and when;
 * not who ended it.
 */
export const me = defineAction({
  name: 'auth.me',
  input: z.object({}).strict(),
  async handle(_input, ctx) {
    const roles = ctx.caller!.roles;
    const students = ctx.store.collection<{ _id: string; name?: string; classId?: string }>('students');
    const classes = ctx.store.collection<{ _id: string; name?: string }>('classes');
    const className = async (id: string | null | undefined) => (id ? (await classes.get(id))?.name ?? null : null);
    const who = await Promise.all(roles.map(async (b): Promise<string | null> => {
      if (b.role === 'student' || b.role === 'guardian') {
        const s = b.studentId ? await students.get(b.studentId) : null;
        const child = [s?.name, await className(s?.classId ?? b.classId)].filter(Boolean).join('，');
        if (b.role === 'student') return child || null;
        const me = b.guardianName ? `${b.guardianName}${b.relation ? `（${b.relation}）` : ''}` : '';
        return guardianWhoLine(me, child);
      }
      return [b.displayName, b.role === 'class_teacher' ? await className(b.classId) : null].filter(Boolean).join(' · ') || null;
    }));
    // searched by status (indexed; few requests wait at a time), then mine
    const waiting = await ctx.store.collection<GuardianRequestDoc>('guardian_requests').find({ status: 'pending', userId: ctx.caller!.userId });
    const pendingGuardian = await Promise.all(waiting.sort((a, b) => a.createdAt - b.createdAt).map(async (r) => ({
      school: (await dir(ctx).school(r.schoolId))?.name ?? null,
      className: await className(r.classId),
      since: r.createdAt,
    })));
    const since = ctx.clock.now().getTime() - ENDED_POSTS_SHOWN_MS;
    const ended = (await ctx.store.collection<StaffPostDoc>('staff_posts').find({ userId: ctx.caller!.userId, status: 'ended' }))
      .filter((p) => (p.endedAt ?? 0) >= since && p.endedBy !== ctx.caller!.userId)
      .sort((a, b) => b.endedAt! - a.endedAt!);
    const endedPosts = await Promise.all(ended.map(async (p) => ({
      roleName: ROLE_NAMES[p.role],
      place: [
        (await dir(ctx).school(p.schoolId))?.name ?? content.catalog.departments.find((d) => d.id === p.deptId)?.name
          ?? (p.jurisdiction === 'city' ? content.catalog.cityName : content.catalog.counties.find((c) => c.id === p.jurisdiction)?.name),
        await className(p.classId),
      ].filter(Boolean).join('') || null,
      bySchool: !!p.schoolId,
      endedAt: p.endedAt!,
    })));
    return { userId: ctx.caller!.userId, roles, who, pendingGuardian, endedPosts };
  },
});
