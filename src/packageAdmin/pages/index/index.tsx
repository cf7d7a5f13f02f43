/**
 * 学校、名册和邀请码 (issue 14): the school admin's and coordinators' desk for
 * schools and classes (add, rename, close), the way to the roster import,
 * the slips, the guardian links and the staff list; a class teacher sees
 * their own class's slips and guardian links.
 */
import { Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { useEffect, useState, type ReactNode } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import EmptyState from '../../../components/EmptyState';
import Loading from '../../../components/Loading';
import Notice from '../../../components/Notice';
import PageShell from '../../../components/PageShell';
import { messageOf } from '../../../services/errors';
import { catalogStore } from '../../../stores/catalog';
import { sessionStore } from '../../../stores/session';
import { useWatch } from '../../../stores/watch';
import CheckThenImport from '../../components/CheckThenImport';
import IssuedCode from '../../components/IssuedCode';
import NameForm from '../../components/NameForm';
import Select from '../../components/Select';
import SheetPicker from '../../components/SheetPicker';
import { adminApi, STAGE_NAMES, type ClassRow, type SchoolRow, type Slip } from '../../service';
import '../../admin.scss';

const open = (page: string, params: Record<string, string>) =>
  Taro.navigateTo({ url: `/packageAdmin/pages/${page}/index?${Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` });

/**
 * A class's codes and guardian links; a closed class offers no codes (its bindings can still be read).
 * `children`: the class's own buttons (班级改名, 关闭班级), in the same row as the others.
 */
function ClassLinks({ classId, manager, closed, children }: { classId: string; manager?: boolean; closed?: boolean; children?: ReactNode }) {
  const [asking, setAsking] = useState(false);
  // a class teacher's code, by the school admin or a coordinator: shown under the class with 复制 until the page is left
  const [code, setCode] = useState<Slip | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const teacherCode = async (name: string) => {
    setFailed(null);
    try {
      const [c] = await adminApi.issueStaff({ role: 'class_teacher', classId, displayName: name });
      setCode(c);
      setAsking(false);
    } catch (e) { setFailed(messageOf(e)); }
  };
  return (
    <View className='adm-wide'>
      {closed ? <Text className='hh-text adm-muted'>已关闭：不能再发邀请码。重新开班后可以再发。</Text> : null}
      <View className='adm-actions'>
        {closed ? null : <Button onClick={() => void open('slips', { classId, role: 'guardian' })}>家长邀请码纸条</Button>}
        {closed ? null : <Button onClick={() => void open('slips', { classId, role: 'student' })}>学生邀请码</Button>}
        <Button onClick={() => void open('guardians', { classId })}>家长绑定情况</Button>
        {manager && !closed ? <Button onClick={() => setAsking(!asking)}>班主任邀请码</Button> : null}
        {children}
      </View>
      {asking && !closed ? <NameForm placeholder='班主任的姓名' action='生成邀请码' onSave={teacherCode} onCancel={() => setAsking(false)} /> : null}
      {failed ? <Text className='hh-text adm-error'>{failed}</Text> : null}
      {code ? (
        <View>
          <Text className='hh-text'>请把邀请码交给班主任（复制后用微信发送，或抄在纸上）：</Text>
          <IssuedCode code={code} />
        </View>
      ) : null}
    </View>
  );
}

function SchoolCard({ school, coordinator, onChanged }: { school: SchoolRow; coordinator: boolean; onChanged: () => void }) {
  const [classes, setClasses] = useState<ClassRow[] | null>(null);
  const [grade, setGrade] = useState('');
  const [num, setNum] = useState('');
  // an answer is said where its button is: under the school's buttons ('school'), under 添加班级 ('add'), or in
  // the class's row (its id): at the top of the list it was out of sight, and a class's 已改名 read as the school's
  const [said, setSaid] = useState<{ at: string; text: string } | null>(null);
  const saidAt = (at: string) => (said?.at === at ? <View className='adm-wide'><Notice type='info'>{said.text}</Notice></View> : null);
  const loadClasses = async () => {
    try { setClasses((await adminApi.classes(school.id)).classes); } catch (e) { setSaid({ at: 'school', text: messageOf(e) }); }
  };
  const act = async (f: () => Promise<unknown>, done: string, at = 'school') => {
    setSaid(null);
    try { await f(); setSaid({ at, text: done }); onChanged(); if (classes) await loadClasses(); } catch (e) { setSaid({ at, text: messageOf(e) }); }
  };
  const addClass = () => act(async () => {
    await adminApi.addClass({ schoolId: school.id, grade: Number(grade), number: Number(num) });
    setGrade('');
    setNum('');
  }, '已添加班级。', 'add');
  // closing asks first (reopening does not): a closed class gets no more codes and no students from a roster import
  const closeOrOpen = async (c: ClassRow) => {
    if (c.status === 'open') {
      const ok = await Taro.showModal({ title: `关闭${c.name}？`, content: '关闭后，这个班不能再发邀请码，导入名册时也不会再往这个班加学生。以后可以重新开班。', confirmText: '关闭' });
      if (!ok.confirm) return;
    }
    await act(() => adminApi.updateClass({ classId: c.id, status: c.status === 'open' ? 'closed' : 'open' }), c.status === 'open' ? `已关闭${c.name}。` : `已重新开班：${c.name}。`, c.id);
  };
  // which name is being typed in place: the school's, or a class's (by id)
  const [renaming, setRenaming] = useState<string | null>(null);
  const rename = async (name: string) => { await act(() => adminApi.updateSchool({ schoolId: school.id, name }), '已改名。'); setRenaming(null); };
  const renameClass = async (c: ClassRow, name: string) => { await act(() => adminApi.updateClass({ classId: c.id, name }), '班级已改名。', c.id); setRenaming(null); };
  return (
    <Card title={school.name} subtitle={`${STAGE_NAMES[school.stage] ?? ''} · ${school.classes} 个班 · ${school.students} 名学生${school.status === 'closed' ? ' · 已关闭' : ''}`}>
      <View className='adm-actions'>
        <Button type='primary' onClick={() => void open('roster', { schoolId: school.id, name: school.name })}>导入学生名册</Button>
        <Button onClick={() => void open('staff', { schoolId: school.id, name: school.name })}>教职工和岗位</Button>
        <Button onClick={() => void (classes ? setClasses(null) : loadClasses())}>{classes ? '收起班级' : '查看班级'}</Button>
      </View>
      {coordinator ? (
        <View className='adm-actions'>
          <Button onClick={() => setRenaming(renaming === school.id ? null : school.id)}>改名</Button>
          <Button onClick={() => void act(() => adminApi.updateSchool({ schoolId: school.id, status: school.status === 'open' ? 'closed' : 'open' }), school.status === 'open' ? '已关闭这所学校。' : '已重新开办。')}>
            {school.status === 'open' ? '关闭学校' : '重新开办'}
          </Button>
        </View>
      ) : null}
      {renaming === school.id ? <NameForm placeholder={`新的名称（现在：${school.name}）`} action='改名' onSave={rename} onCancel={() => setRenaming(null)} /> : null}
      {saidAt('school')}
      {classes ? (
        <View>
          {classes.length === 0 ? <Text className='hh-text adm-muted'>还没有班级。导入名册时会按表格里的班级自动建班，也可以在下面添加。</Text> : null}
          {classes.map((c) => (
            <View key={c.id} className='adm-row'>
              <View>
                <Text className='adm-row__name'>{c.name}</Text>
                <Text className='adm-row__detail'>{`${c.students} 名学生${c.status === 'open' ? '' : ' · 已关闭'}`}</Text>
              </View>
              <ClassLinks classId={c.id} manager closed={c.status !== 'open'}>
                <Button onClick={() => setRenaming(renaming === c.id ? null : c.id)}>班级改名</Button>
                <Button onClick={() => void closeOrOpen(c)}>{c.status === 'open' ? '关闭班级' : '重新开班'}</Button>
              </ClassLinks>
              {renaming === c.id ? <NameForm placeholder={`新的班级名称（现在：${c.name}）`} action='改名' onSave={(name) => renameClass(c, name)} onCancel={() => setRenaming(null)} /> : null}
              {saidAt(c.id)}
            </View>
          ))}
          {/* each box has its name before it: filled in, a placeholder no longer says which is which (walk 14b #7) */}
          <View className='adm-actions'>
            <View className='adm-field'>
              <Text className='adm-field__label'>年级</Text>
              <Input className='adm-input' type='number' value={grade} placeholder='数字，如 8' onInput={(e) => setGrade(e.detail.value)} />
            </View>
            <View className='adm-field'>
              <Text className='adm-field__label'>班号</Text>
              <Input className='adm-input' type='number' value={num} placeholder='数字，如 2' onInput={(e) => setNum(e.detail.value)} />
            </View>
            <Button onClick={() => void addClass()}>添加班级</Button>
          </View>
          {saidAt('add')}
        </View>
      ) : null}
    </Card>
  );
}

function AddSchool({ onAdded }: { onAdded: () => void }) {
  const counties = catalogStore.catalog?.counties ?? [];
  const areas = sessionStore.roles.filter((r) => r.role === 'coordinator' || (r.role === 'handler' && r.deptId?.endsWith('.edu'))).map((r) => r.jurisdiction);
  const choices = areas.includes('city') ? counties : counties.filter((c) => areas.includes(c.id));
  const stages = Object.keys(STAGE_NAMES);
  const [name, setName] = useState('');
  const [county, setCounty] = useState(0);
  const [stage, setStage] = useState(0);
  const [msg, setMsg] = useState<string | null>(null);
  if (!choices.length) return null;
  const add = async () => {
    setMsg(null);
    try {
      await adminApi.addSchool({ name: name.trim(), jurisdiction: choices[county].id, stage: stages[stage] });
      setName('');
      setMsg('已添加。');
      onAdded();
    } catch (e) { setMsg(messageOf(e)); }
  };
  return (
    <Card title='添加学校' subtitle='学校的全称，和学籍系统里的一样。'>
      <Input className='adm-input' value={name} placeholder='例如：思茅区第一中学' maxlength={40} onInput={(e) => setName(e.detail.value)} />
      <Select label='所在县（区）' options={choices.map((c) => c.shortName ?? c.name)} value={county} onChange={setCounty} />
      <Select label='学段' options={stages.map((s) => STAGE_NAMES[s])} value={stage} onChange={setStage} />
      {msg ? <Notice type='info'>{msg}</Notice> : null}
      <Button type='primary' disabled={!name.trim()} onClick={() => void add()}>添加</Button>
    </Card>
  );
}

/** A county's list of schools from a sheet (学校名称, 学段, 所在县（区）): check, then import. */
function ImportSchools({ onDone }: { onDone: () => void }) {
  const [file, setFile] = useState<{ id: string; name: string } | null>(null);
  const [result, setResult] = useState<Awaited<ReturnType<typeof adminApi.importSchools>> | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setMsg(null);
    try {
      const r = await adminApi.importSchools({ fileId: file.id, dryRun });
      setResult(r);
      if (!dryRun) onDone();
    } catch (e) { setMsg(messageOf(e)); }
  };
  return (
    <Card title='导入学校名单' subtitle='表头：学校名称、学段、所在县（区）。名单里已有的学校不会重复添加。'>
      <SheetPicker what='学校名单表格' onPicked={(id, name) => { setFile({ id, name }); setResult(null); }} onError={setMsg} />
      {file ? <Text className='hh-text adm-ok'>{`已选择：${file.name}`}</Text> : null}
      <CheckThenImport picked={!!file} result={result} onRun={(dryRun) => void run(dryRun)} />
      {result ? (
        <View>
          <Text className='hh-text adm-row__detail'>{`${result.dryRun ? '将新增' : '已新增'} ${result.created} 所，已在名单里 ${result.unchanged} 所，有问题 ${result.errors.length} 行。`}</Text>
          {result.errors.map((e) => <Text key={e.row} className='adm-error'>{e.message}</Text>)}
        </View>
      ) : null}
      {msg ? <Notice>{msg}</Notice> : null}
    </Card>
  );
}

/** What my roles let me do here, read when asked: after a reload the roles arrive after the first render. */
function myPowers() {
  const roles = sessionStore.roles;
  return {
    manages: roles.some((r) => r.role === 'school_admin' || r.role === 'coordinator' || (r.role === 'handler' && r.deptId?.endsWith('.edu'))),
    coordinator: roles.some((r) => r.role === 'coordinator' || (r.role === 'handler' && r.deptId?.endsWith('.edu'))),
    teacherClasses: roles.filter((r) => r.role === 'class_teacher' && r.classId),
  };
}

function AdminHome() {
  // re-render when my roles and the catalog arrive (plain watched stores, not mobx: stores/watch.ts)
  useWatch(sessionStore);
  useWatch(catalogStore);
  const [schools, setSchools] = useState<SchoolRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { coordinator, teacherClasses } = myPowers();
  const [classNames, setClassNames] = useState<Record<string, string>>({});
  const load = async () => {
    setError(null);
    // the roles as they are now (a reload: they were empty at the first render), not as this render saw them
    const { manages, teacherClasses } = myPowers();
    try {
      setSchools(manages ? (await adminApi.schools()).schools : []);
      // a class teacher's class by name (classes are not in the public catalog)
      const teacherSchools = [...new Set(teacherClasses.map((t) => t.schoolId!).filter(Boolean))];
      const names: Record<string, string> = {};
      for (const id of teacherSchools) for (const c of (await adminApi.classes(id)).classes) names[c.id] = c.name;
      setClassNames(names);
    } catch (e) { setError(messageOf(e)); }
  };
  // load once the roles are known, and again when they change; coming back to the page reloads too
  const rolesKey = sessionStore.roles.map((r) => `${r.role}:${r.schoolId ?? ''}:${r.classId ?? ''}:${r.jurisdiction ?? ''}`).join('|');
  useEffect(() => { if (sessionStore.loaded || rolesKey) void load(); }, [rolesKey, sessionStore.loaded]);
  useDidShow(() => {
    void sessionStore.load();
    void catalogStore.load();
    if (sessionStore.loaded) void load();
  });
  let body;
  if (error) body = <Notice>{error}</Notice>;
  else if (!schools) body = <Loading text='正在读取学校名单…' />;
  else if (!schools.length && !teacherClasses.length) {
    body = <EmptyState title='还没有学校' description={coordinator ? '在下面添加本县（区）的学校，再邀请各校的学校管理员。' : '您的账号还没有可以管理的学校或班级。'} />;
  } else {
    body = (
      <View className='adm-grid'>
        {teacherClasses.map((t) => (
          <Card key={t.classId} title='我的班级' subtitle={classNames[t.classId!] ?? ''}>
            <Text className='hh-text adm-muted'>给全班家长发邀请码纸条，查看哪些家长已经绑定。</Text>
            <ClassLinks classId={t.classId!} />
          </Card>
        ))}
        {schools.map((s) => <SchoolCard key={s.id} school={s} coordinator={coordinator} onChanged={() => void load()} />)}
      </View>
    );
  }
  return (
    <PageShell>
      {body}
      {coordinator ? <AddSchool onAdded={() => void load()} /> : null}
      {coordinator ? <ImportSchools onDone={() => void load()} /> : null}
      {coordinator ? <Button onClick={() => void open('staff', {})}>本地区的岗位和人员</Button> : null}
    </PageShell>
  );
}

export default observer(AdminHome);
