/**
 * 家长绑定情况 (class teacher, school admin): per child, who is bound as a
 * guardian (name, relation, since when), confirming or refusing a guardian
 * whose name is not on the roster, and ending a binding (the person loses
 * access on their next call).
 */
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import EmptyState from '../../../components/EmptyState';
import Loading from '../../../components/Loading';
import Notice from '../../../components/Notice';
import PageShell from '../../../components/PageShell';
import { messageOf } from '../../../services/errors';
import { adminApi, dateText, type GuardianList } from '../../service';
import '../../admin.scss';

export default function GuardiansPage() {
  const { params } = useRouter();
  const classId = params.classId ?? '';
  const [data, setData] = useState<GuardianList | null>(null);
  const [error, setError] = useState<string | null>(null);
  // the answer to a tap, said in that child's card (at the top of the page it was off-screen at 390 px, walk 14b #6)
  const [notice, setNotice] = useState<{ studentId: string; text: string } | null>(null);
  const load = async () => {
    try { setData(await adminApi.guardians(classId)); setError(null); } catch (e) { setError(messageOf(e)); }
  };
  useDidShow(() => { void load(); });
  const act = async (studentId: string, f: () => Promise<unknown>, done: string) => {
    setNotice(null);
    try { await f(); setNotice({ studentId, text: done }); await load(); } catch (e) { setNotice({ studentId, text: messageOf(e) }); }
  };
  const unbind = async (studentId: string, linkId: string, who: string) => {
    const ok = await Taro.showModal({ title: '解除绑定', content: `解除后，${who}就看不到这个孩子的信息了。确定吗？` });
    if (ok.confirm) await act(studentId, () => adminApi.unbind(linkId), `已解除${who}的绑定。`);
  };
  if (error) return <PageShell><Notice>{error}</Notice></PageShell>;
  if (!data) return <PageShell><Loading text='正在读取家长绑定情况…' /></PageShell>;
  if (!data.students.length) return <PageShell><EmptyState title='这个班还没有学生' description='请学校管理员先导入学生名册。' /></PageShell>;
  const bound = data.students.filter((s) => s.guardians.length).length;
  return (
    <PageShell>
      <Card title={`${data.school.name}${data.class.name}`} tone='brand'>
        <Text className='hh-text'>{`${bound} / ${data.students.length} 个孩子已经有家长绑定${data.pending ? `，${data.pending} 条绑定等您确认` : ''}。`}</Text>
        <Text className='hh-text adm-muted'>这份名单只有班主任和学校管理员能看到。</Text>
      </Card>
      {data.students.map((s) => (
        <Card key={s.studentId} title={s.name} tone={s.requests.length ? 'danger' : 'plain'}>
          {s.guardians.length ? s.guardians.map((g) => (
            <View key={g.linkId} className='adm-row'>
              <View>
                <Text className='adm-row__name'>{`${g.name}（${g.relation}）`}</Text>
                <Text className='adm-row__detail'>{`${dateText(g.since)} 起绑定${g.via === 'teacher' ? '，老师确认' : ''}`}</Text>
              </View>
              <Button onClick={() => void unbind(s.studentId, g.linkId, g.name)}>解除绑定</Button>
            </View>
          )) : <Text className='hh-text adm-muted'>还没有家长绑定。</Text>}
          {s.requests.map((r) => (
            <View key={r.requestId} className='adm-row'>
              <View>
                <Text className='adm-row__name'>{`等您确认：${r.name}（${r.relation}）`}</Text>
                <Text className='adm-row__detail'>{`名册上的监护人：${s.roster.map((g) => `${g.name}（${g.relation}）`).join('、') || '没有登记'}`}</Text>
                <Text className='adm-row__detail'>{`${r.name}是${s.name}的家长吗？`}</Text>
              </View>
              {/* short labels, the question said beside them: at 390 px the long label was cut off at both edges */}
              <View className='adm-actions'>
                <Button type='primary' onClick={() => void act(s.studentId, () => adminApi.decide(r.requestId, true), `已确认${r.name}是${s.name}的家长。`)}>是，确认</Button>
                <Button onClick={() => void act(s.studentId, () => adminApi.decide(r.requestId, false), `没有确认${r.name}。`)}>不是，不确认</Button>
              </View>
            </View>
          ))}
          {notice?.studentId === s.studentId ? <Notice type='info'>{notice.text}</Notice> : null}
        </Card>
      ))}
    </PageShell>
  );
}
