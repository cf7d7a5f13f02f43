/**
 * 岗位和人员 (school admin, coordinators): who holds which post, ending a
 * binding when someone leaves (their next call no longer has it), units whose
 * open cases or alerts need a new owner, and codes for new staff.
 */
import { Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import Loading from '../../../components/Loading';
import Notice from '../../../components/Notice';
import PageShell from '../../../components/PageShell';
import { messageOf } from '../../../services/errors';
import IssuedCode from '../../components/IssuedCode';
import Select from '../../components/Select';
import { adminApi, dateText, type Slip, type StaffList } from '../../service';
import '../../admin.scss';

const SCHOOL_POSTS = [
  { role: 'psych_teacher', name: '心理健康教师' },
  { role: 'school_safety_officer', name: '学校安全专干' },
  { role: 'school_admin', name: '学校管理员' },
];

function NewStaffCode({ schoolId }: { schoolId: string }) {
  const [post, setPost] = useState(0);
  const [name, setName] = useState('');
  const [code, setCode] = useState<Slip | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const issue = async () => {
    setMsg(null);
    try {
      const [c] = await adminApi.issueStaff({ role: SCHOOL_POSTS[post].role, schoolId, displayName: name.trim() });
      setCode(c);
    } catch (e) { setMsg(messageOf(e)); }
  };
  return (
    <Card title='给新同事发邀请码' subtitle='班主任的邀请码请在班级里发；这里是学校岗位。'>
      <Select label='岗位' options={SCHOOL_POSTS.map((p) => p.name)} value={post} onChange={setPost} />
      <Input className='adm-input' value={name} placeholder='同事的姓名' maxlength={20} onInput={(e) => setName(e.detail.value)} />
      <Button type='primary' disabled={!name.trim()} onClick={() => void issue()}>生成邀请码</Button>
      {code ? <IssuedCode code={code} /> : null}
      {msg ? <Notice>{msg}</Notice> : null}
    </Card>
  );
}

/** Who can end my own admin post; the school's only admin is told the school would be left without one. */
function ownPostNote(p: StaffList['posts'][number], posts: StaffList['posts']): string {
  if (p.role !== 'school_admin') return '请让另一位协调员（或市里的协调员）解除您的岗位。';
  const admins = posts.filter((o) => o.role === 'school_admin' && o.schoolId === p.schoolId).length;
  if (admins > 1) return '请让本校另一位学校管理员或县（区）协调员解除您的岗位。';
  return `您是${p.schoolName ?? '本校'}唯一的学校管理员，解除后学校就没有管理员了。请先给接手的同事发学校管理员的邀请码，等他绑定后由他解除您的岗位，或请县（区）协调员解除。`;
}

export default function StaffPage() {
  const { params } = useRouter();
  const schoolId = params.schoolId || undefined;
  const [data, setData] = useState<StaffList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    try { setData(await adminApi.staff(schoolId)); setError(null); } catch (e) { setError(messageOf(e)); }
  };
  useDidShow(() => { void load(); });
  const end = async (p: StaffList['posts'][number]) => {
    const who = p.displayName || p.roleName;
    // one's own admin post is never ended here (staff.end refuses it): say so before asking, and who can do it
    if (p.mine && (p.role === 'school_admin' || p.role === 'coordinator')) {
      await Taro.showModal({ title: '不能解除自己的岗位', content: ownPostNote(p, data!.posts), showCancel: false });
      return;
    }
    const ok = await Taro.showModal({ title: '解除岗位', content: `解除后，${who}马上就不能再用这个岗位了。案件和预警留在单位里，等新同事接手。确定吗？` });
    if (!ok.confirm) return;
    try {
      await adminApi.endPost(p.postId);
      // long enough to read (the default 1.5 s was missed, walk 14b #6)
      void Taro.showToast({ title: `已解除${who}的岗位`, icon: 'none', duration: 3000 });
      await load();
    } catch (e) { setError(messageOf(e)); }
  };
  return (
    <PageShell>
      {error ? <Notice>{error}</Notice> : null}
      {!data && !error ? <Loading text='正在读取岗位名单…' /> : null}
      {data?.needsOwner.length ? (
        <Card title='需要新的负责人' tone='danger'>
          {data.needsOwner.map((u) => (
            <Text key={u.unit} className='adm-row__detail'>{`${u.name}：${u.openCases} 件未办结${u.openAlerts ? `，${u.openAlerts} 条预警` : ''}，现在没有人在这个岗位上。请尽快发邀请码给接手的同事。`}</Text>
          ))}
        </Card>
      ) : null}
      {data ? (
        <Card title={decodeURIComponent(params.name ?? '') || '岗位和人员'}>
          {data.posts.length ? data.posts.map((p) => (
            <View key={p.postId} className='adm-row'>
              <View>
                <Text className='adm-row__name'>{`${p.displayName || '（未填姓名）'} · ${p.roleName}`}</Text>
                <Text className='adm-row__detail'>{`${[p.deptName, p.schoolName, p.className].filter(Boolean).join(' ')}，${dateText(p.since)} 起`}</Text>
              </View>
              <Button onClick={() => void end(p)}>解除岗位</Button>
            </View>
          )) : <Text className='hh-text adm-muted'>还没有人绑定岗位。</Text>}
        </Card>
      ) : null}
      {schoolId ? <NewStaffCode schoolId={schoolId} /> : null}
    </PageShell>
  );
}
