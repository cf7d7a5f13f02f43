/**
 * 岗位和人员 (school admin, coordinators): who holds which post, ending a
 * binding when someone leaves (their next call no longer has it), units whose
 * open cases or alerts need a new owner, and codes for new staff.
 */
import { Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import Loading from '../../../components/Loading';
import Notice from '../../../components/Notice';
import PageShell from '../../../components/PageShell';
import { messageOf } from '../../../services/errors';
import { adminApi, dateText, type StaffList } from '../../service';
import '../../admin.scss';

const SCHOOL_POSTS = [
  { role: 'psych_teacher', name: '心理健康教师' },
  { role: 'school_safety_officer', name: '学校安全专干' },
  { role: 'school_admin', name: '学校管理员' },
];

function NewStaffCode({ schoolId }: { schoolId: string }) {
  const [post, setPost] = useState(0);
  const [name, setName] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const issue = async () => {
    setMsg(null);
    try {
      const [c] = await adminApi.issueStaff({ role: SCHOOL_POSTS[post].role, schoolId, displayName: name.trim() });
      setCode(`${c.label}：${c.code}（${dateText(c.expiresAt)}前有效，只能用一次）`);
    } catch (e) { setMsg(messageOf(e)); }
  };
  return (
    <Card title='给新同事发邀请码' subtitle='班主任的邀请码请在班级里发；这里是学校岗位。'>
      <Picker mode='selector' range={SCHOOL_POSTS.map((p) => p.name)} value={post} onChange={(e) => setPost(Number(e.detail.value))}>
        <Text className='adm-input'>{`岗位：${SCHOOL_POSTS[post].name}`}</Text>
      </Picker>
      <Input className='adm-input' value={name} placeholder='同事的姓名' maxlength={20} onInput={(e) => setName(e.detail.value)} />
      <Button type='primary' disabled={!name.trim()} onClick={() => void issue()}>生成邀请码</Button>
      {code ? <Text className='hh-text adm-ok' userSelect>{code}</Text> : null}
      {msg ? <Notice>{msg}</Notice> : null}
    </Card>
  );
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
  const end = async (postId: string, who: string) => {
    const ok = await Taro.showModal({ title: '解除岗位', content: `解除后，${who}马上就不能再用这个岗位了。案件和预警留在单位里，等新同事接手。确定吗？` });
    if (!ok.confirm) return;
    try { await adminApi.endPost(postId); await load(); } catch (e) { setError(messageOf(e)); }
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
              <Button onClick={() => void end(p.postId, p.displayName || p.roleName)}>解除岗位</Button>
            </View>
          )) : <Text className='hh-text adm-muted'>还没有人绑定岗位。</Text>}
        </Card>
      ) : null}
      {schoolId ? <NewStaffCode schoolId={schoolId} /> : null}
    </PageShell>
  );
}
