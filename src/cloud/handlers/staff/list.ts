import { z } from 'zod';
import { content } from '../../../content';
import { coordinatedJurisdictions, coordinatorCovers } from '../../../domain/jurisdiction';
import { AppError } from '../../../domain/errors';
import { unitKey } from '../../../domain/report';
import { ROLE_NAMES } from '../../../domain/roles';
import { defineAction } from '../../core/action';
import { dir } from '../../core/directory';
import type { StaffPostDoc } from '../../core/enrol';
import type { Filter } from '../../store/types';
import { requireSchool } from '../school/access';

/**
 * Who holds which post: a school admin for their school, a coordinator for
 * their area (or one school of it). Units with open work and nobody in the
 * post are listed as needing a new owner: cases and alerts stay with the unit
 * when its people leave.
 */
export const list = defineAction({
  name: 'staff.list',
  input: z.object({ schoolId: z.string().min(1).max(80).optional() }).strict(),
  labels: { schoolId: '学校' },
  async handle(input, ctx) {
    const roles = ctx.caller!.roles;
    const areas = coordinatedJurisdictions(roles);
    // a school admin without a coordinator post sees their own school
    const schoolId = input.schoolId ?? (areas.length ? undefined : roles.find((r) => r.role === 'school_admin' && r.schoolId)?.schoolId);
    const posts = ctx.store.collection<StaffPostDoc>('staff_posts');
    let found: StaffPostDoc[];
    let schoolIds: string[];
    let deptIds: string[] = [];
    if (schoolId) {
      await requireSchool(ctx, schoolId);
      found = await posts.find({ schoolId, status: 'active' });
      schoolIds = [schoolId];
    } else {
      if (!areas.length) throw new AppError('FORBIDDEN');
      const filter: Filter = areas.includes('city') ? { status: 'active' } : { status: 'active', jurisdiction: { $in: areas } };
      schoolIds = (await dir(ctx).schoolsIn(areas)).map((s) => s._id);
      // posts of the area, and school posts recorded without a county (made before posts kept one)
      const byId = new Map((await posts.find(filter)).map((p) => [p._id, p]));
      for (let i = 0; i < schoolIds.length; i += 500) {
        for (const p of await posts.find({ status: 'active', schoolId: { $in: schoolIds.slice(i, i + 500) } })) byId.set(p._id, p);
      }
      found = [...byId.values()];
      deptIds = content.catalog.departments.filter((d) => d.kind !== 'peace_office' && areas.some((a) => coordinatorCovers(a, d.jurisdiction))).map((d) => d.id);
    }
    const d = dir(ctx);
    const out = await Promise.all(found.map(async (p) => ({
      postId: p._id, role: p.role, roleName: ROLE_NAMES[p.role], displayName: p.displayName ?? '',
      schoolId: p.schoolId, schoolName: (await d.school(p.schoolId))?.name ?? null,
      classId: p.classId, className: (await d.class(p.classId))?.name ?? null,
      deptId: p.deptId, deptName: content.catalog.departments.find((x) => x.id === p.deptId)?.name ?? null,
      jurisdiction: p.jurisdiction, since: p.since,
      // the caller's own post: 教职工和岗位 says before asking that one's own admin post is not ended there
      mine: p.userId === ctx.caller!.userId,
    })));
    // units with open work and nobody in the post
    const held = new Set(found.flatMap((p) => [p.deptId, p.schoolId && `school:${p.schoolId}:${p.role}`].filter(Boolean) as string[]));
    const needsOwner: Array<{ unit: string; name: string; openCases: number; openAlerts: number }> = [];
    for (const sid of schoolIds) {
      const school = await d.school(sid);
      for (const role of ['psych_teacher', 'school_safety_officer'] as const) {
        const key = unitKey({ type: 'school', id: sid, name: '', staffRole: role });
        if (held.has(key)) continue;
        const openCases = await ctx.store.collection('cases').count({ deptIds: { $has: key }, status: { $ne: 'resolved' } });
        const openAlerts = role === 'psych_teacher' ? await ctx.store.collection('screening_alerts').count({ schoolId: sid, status: 'open' }) : 0;
        if (openCases + openAlerts > 0) needsOwner.push({ unit: key, name: `${school?.name ?? sid} ${ROLE_NAMES[role]}`, openCases, openAlerts });
      }
    }
    for (const deptId of deptIds) {
      if (held.has(deptId)) continue;
      const openCases = await ctx.store.collection('cases').count({ deptIds: { $has: deptId }, status: { $ne: 'resolved' } });
      if (openCases > 0) needsOwner.push({ unit: deptId, name: content.catalog.departments.find((x) => x.id === deptId)!.name, openCases, openAlerts: 0 });
    }
    await ctx.audit({ action: 'staff.list', subjectType: schoolId ? 'school' : 'area', subjectId: schoolId ?? areas.join(','), detail: { posts: out.length } });
    return { posts: out.sort((a, b) => a.since - b.since), needsOwner };
  },
});
