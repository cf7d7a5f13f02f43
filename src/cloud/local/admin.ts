/**
 * `npm run admin -- <command>` on the server (bundled to dist/server/admin.js):
 * the way into a real county without the demo (issue 14). Opens the SQLite
 * file in DATA_DIR like the local server (it may be running: WAL lets both
 * write), so it works on an empty data folder with DEMO=off.
 *
 *   invite coordinator [--county <id>]          the city coordinator, or a county's (--county simao)
 *   invite school_admin --school <id>            a school's administrator (the school must be on the list)
 *   invite handler --dept <id>                   a department handler (simao.edu …)
 *       [--name <姓名>] [--days <n>]              shown in case timelines; valid n days (default 60)
 *   codes                                        the codes this command issued: waiting, used, revoked, expired
 *   revoke <code>                                the code stops working
 *   schools                                      the schools on the list, with their ids
 *
 * `invite` prints one single-use code; its last line is the code alone.
 */
import path from 'node:path';
import { content } from '../../content';
import { writeAudit } from '../core/audit';
import { systemClock } from '../core/context';
import type { InvitationDoc } from '../core/enrol';
import type { SchoolDoc } from '../core/directory';
import { normaliseCode } from '../handlers/auth/redeem';
import { invitationRow, storeInvitations } from '../handlers/invite/shared';
import { openSqliteStore } from '../store/sqlite';
import type { Store } from '../store/types';
import type { RoleBinding } from '../../domain/roles';
import { loadLocalConfig } from './config';

/** Where a coordinator adds schools in the app (not the 工作台, which is the reports inbox). */
const WHERE_SCHOOLS_ARE_ADDED = '小程序「首页 → 名册和邀请码 → 学校、名册和邀请码」';

const USAGE = `用法：
  npm run admin -- invite coordinator [--county <县区编号>] [--name <姓名>] [--days <天数>]
  npm run admin -- invite school_admin --school <学校编号> [--name <姓名>]
  npm run admin -- invite handler --dept <部门编号> [--name <姓名>]
  npm run admin -- codes
  npm run admin -- revoke <邀请码>
  npm run admin -- schools
县区编号：${content.catalog.counties.map((c) => `${c.id}（${c.shortName ?? c.name}）`).join('、')}；全市用 city。`;

class UsageError extends Error {}

function flags(args: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) throw new UsageError(`看不懂的参数：${a}`);
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} 后面要写一个值。`);
    out[a.slice(2)] = v;
    i++;
  }
  return out;
}

export async function runAdmin(argv: string[], store: Store, out: (line: string) => void, now = systemClock.now().getTime()): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'invite') {
    const [role, ...more] = rest;
    const f = flags(more);
    const days = f.days ? Number(f.days) : undefined;
    if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 365)) throw new UsageError('--days 要写1到365之间的整数。');
    const name = f.name ?? '';
    let binding: RoleBinding;
    let label: string;
    if (role === 'coordinator') {
      const area = f.county ?? 'city';
      const county = content.catalog.counties.find((c) => c.id === area);
      if (area !== 'city' && !county) throw new UsageError(`没有这个县区：${area}`);
      binding = { role: 'coordinator', jurisdiction: area, ...(name ? { displayName: name } : {}) };
      label = `${area === 'city' ? content.catalog.cityName : county!.name}平安办 协调员${name ? ' ' + name : ''}`;
    } else if (role === 'school_admin') {
      if (!f.school) throw new UsageError('请用 --school 写学校编号（npm run admin -- schools 可以查看）。');
      const school = await store.collection<SchoolDoc>('schools').get(f.school);
      if (!school) throw new UsageError(`学校名单里没有 ${f.school}。请先由县（区）协调员在${WHERE_SCHOOLS_ARE_ADDED}里添加学校，或用 npm run admin -- schools 查看编号。`);
      binding = { role: 'school_admin', schoolId: school._id, ...(name ? { displayName: name } : {}) };
      label = `${school.name} 学校管理员${name ? ' ' + name : ''}`;
    } else if (role === 'handler') {
      const dept = content.catalog.departments.find((d) => d.id === f.dept);
      if (!dept || dept.kind === 'peace_office') throw new UsageError(`请用 --dept 写部门编号，例如 simao.edu（${f.dept ?? '没有写'} 不是部门）。`);
      binding = { role: 'handler', deptId: dept.id, jurisdiction: dept.jurisdiction, ...(name ? { displayName: name } : {}) };
      label = `${dept.name} 处置人员${name ? ' ' + name : ''}`;
    } else {
      throw new UsageError('身份只能是 coordinator、school_admin 或 handler。');
    }
    const [row] = await storeInvitations(store, [invitationRow(binding, label, 'admin', now, days)]);
    await writeAudit(store, { now: () => new Date(now) }, 'admin', { action: 'admin.invite', subjectType: 'invitation', subjectId: row._id, detail: { role } });
    out(`已生成一次性邀请码：${label}`);
    out(`有效期到 ${new Date(row.expiresAt!).toISOString().slice(0, 10)}；在小程序「我的」里输入。只能用一次。`);
    out(row.code);
    return;
  }
  if (command === 'codes') {
    const rows = (await store.collection<InvitationDoc>('invitations').find({})).filter((r) => r.issuedBy === 'admin')
      .sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0));
    if (!rows.length) { out('还没有用这个命令生成过邀请码。'); return; }
    for (const r of rows) {
      const status = r.usedBy ? '已使用' : r.revokedAt ? '已作废' : (r.expiresAt ?? Infinity) <= now ? '已过期' : '待使用';
      out(`${r.code}  ${status}  ${r.label}  到期 ${r.expiresAt ? new Date(r.expiresAt).toISOString().slice(0, 10) : '-'}`);
    }
    return;
  }
  if (command === 'revoke') {
    const code = rest[0];
    if (!code) throw new UsageError('请写要作废的邀请码。');
    const col = store.collection<InvitationDoc>('invitations');
    const [inv] = await col.find({ code: normaliseCode(code) }, { limit: 1 });
    if (!inv || inv.reusable) throw new UsageError(`没有这个邀请码：${code}`);
    if (inv.usedBy) throw new UsageError('这个邀请码已经被使用了。要解除这个人的岗位，请在工作台「人员」里操作。');
    if (!inv.revokedAt) await col.updateIf(inv._id, { usedBy: null, revokedAt: null }, { set: { revokedAt: now, revokedBy: 'admin' } });
    await writeAudit(store, { now: () => new Date(now) }, 'admin', { action: 'admin.revoke', subjectType: 'invitation', subjectId: inv._id });
    out(`已作废：${inv.code}（${inv.label}）`);
    return;
  }
  if (command === 'schools') {
    const schools = await store.collection<SchoolDoc>('schools').find({}, { orderBy: [['jurisdiction', 'asc']] });
    if (!schools.length) { out(`学校名单是空的：请先邀请协调员，由协调员在${WHERE_SCHOOLS_ARE_ADDED}里添加学校。`); return; }
    for (const s of schools) out(`${s._id}  ${s.name}  ${s.jurisdiction}  ${s.status === 'open' ? '' : '（已关闭）'}`);
    return;
  }
  throw new UsageError(command ? `没有这个命令：${command}` : '请写一个命令。');
}

async function main() {
  const config = loadLocalConfig();
  const store = openSqliteStore(path.join(config.dataDir, 'huhang.db'));
  try {
    await runAdmin(process.argv.slice(2), store, (line) => process.stdout.write(line + '\n'));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(e.message + '\n\n' + USAGE + '\n');
      process.exitCode = 2;
    } else throw e;
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error('护航 admin 失败：', e);
    process.exit(1);
  });
}
