/**
 * 组织心理测评 (psychology teacher: their school; coordinator: their area):
 * create a campaign (instruments, grades or classes, window, and the consent
 * text exactly as guardians will see it), extend it, close or reopen it, and
 * change what guardians agree to (which asks every guardian again). Guardians
 * are asked in the app when it opens.
 */
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { gradeName } from '../../../domain/roster';
import { observer } from 'mobx-react-lite';
import { useEffect, useState } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import Choice from '../../../components/Choice';
import Loading from '../../../components/Loading';
import Notice from '../../../components/Notice';
import RetryNotice from '../../../components/Notice/Retry';
import PageShell from '../../../components/PageShell';
import { chinaDay } from '../../../domain/chinaTime';
import { newRequestId } from '../../../services/api';
import { messageOf } from '../../../services/errors';
import { screeningApi, type CampaignItem } from '../../../services/screening';
import { sessionStore } from '../../../stores/session';
import { useLoad } from '../../components/useLoad';
import '../../components/screening.scss';

const INSTRUMENTS: Array<[string, string]> = [['phq-a', 'PHQ-A（抑郁）'], ['gad-7', 'GAD-7（焦虑）'], ['asq', 'ASQ（自杀风险）']];
const DAY = 24 * 3600_000;
const DEFAULT_TEXT =
  '学校将组织同学完成一次心理健康测评（约10分钟的选择题），了解孩子最近的心情和压力。如发现需要关心的情况，心理老师会联系您。' +
  '根据《个人信息保护法》，不满14周岁的孩子参加需要监护人同意。您可以同意，也可以不同意，不影响孩子的任何评价。' +
  '孩子提交之前，您随时可以在小程序里撤回同意，孩子还没提交的答案会马上删除；如果孩子已经答到可能有危险的题目，心理老师收到的提醒会保留（只留原因，不留答案）。' +
  '您也可以申请查看、更正或删除孩子的记录，心理老师会在15天内答复。';
const DEFAULT_PURPOSE = '了解孩子最近的心情和压力，及时发现需要关心和帮助的同学。';
const DEFAULT_RECIPIENTS = '只有学校的心理健康教师能看到孩子的回答；班主任只知道是否完成；教育部门只看到不少于5人的汇总数字。';

function schoolYearOf(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return m >= 8 ? `${y}-${y + 1}` : `${y - 1}-${y}`;
}

function DateField({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <Picker mode='date' value={value} onChange={(e) => onChange(String(e.detail.value))}>
      <View className='scr-row'><Text>{label}</Text><Text>{value}</Text></View>
    </Picker>
  );
}

function TermsFields({ v, set }: { v: { consentText: string; purpose: string; recipients: string }; set: (k: 'consentText' | 'purpose' | 'recipients', s: string) => void }) {
  return (
    <View>
      <Text className='scr-field'>给家长的说明（家长看到的就是这段话）</Text>
      <Textarea className='scr-input' value={v.consentText} maxlength={2000} onInput={(e) => set('consentText', e.detail.value)} />
      <Text className='scr-field'>用途</Text>
      <Textarea className='scr-input' value={v.purpose} maxlength={300} onInput={(e) => set('purpose', e.detail.value)} />
      <Text className='scr-field'>谁能看到孩子的回答</Text>
      <Textarea className='scr-input' value={v.recipients} maxlength={300} onInput={(e) => set('recipients', e.detail.value)} />
    </View>
  );
}

const CreateForm = observer(function CreateForm({ onCreated }: { onCreated: () => void }) {
  const today = chinaDay(Date.now());
  const [name, setName] = useState('');
  const [instrumentIds, setInstruments] = useState<string[]>(['phq-a', 'gad-7', 'asq']);
  const [grades, setGrades] = useState<number[]>([]);
  const [classIds, setClassIds] = useState<string[]>([]);
  const [opensOn, setOpens] = useState(today);
  const [closesOn, setCloses] = useState(chinaDay(Date.now() + 21 * DAY));
  const [terms, setTerms] = useState({ consentText: DEFAULT_TEXT, purpose: DEFAULT_PURPOSE, recipients: DEFAULT_RECIPIENTS });
  const [classes, setClasses] = useState<{ id: string; grade: number; name: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [requestId, setRequestId] = useState(newRequestId);
  const mySchool = sessionStore.roles.find((r) => r.role === 'psych_teacher')?.schoolId;
  useEffect(() => {
    if (mySchool) screeningApi.schoolClasses(mySchool).then((r) => setClasses(r.classes.filter((k) => k.status !== 'closed')), (e) => { setClasses([]); setError(messageOf(e)); });
  }, [mySchool]);
  const toggle = <T,>(list: T[], x: T) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);
  const gradeChoices = mySchool ? [...new Set(classes.map((c) => c.grade))].sort((a, b) => a - b) : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const create = () => {
    setBusy(true);
    setError(null);
    const semester = Number(opensOn.slice(5, 7)) >= 8 || Number(opensOn.slice(5, 7)) === 1 ? 1 : 2;
    screeningApi.createCampaign({
      name: name.trim(), schoolYear: schoolYearOf(opensOn), semester, instrumentIds, grades,
      ...(classIds.length ? { classIds } : {}), opensOn, closesOn, ...terms,
    }, { requestId })
      .then(() => { setRequestId(newRequestId()); setName(''); onCreated(); }, (e) => setError(messageOf(e)))
      .finally(() => setBusy(false));
  };
  return (
    <Card title='新建一次测评' subtitle='开放那天，家长会在小程序里收到同意请求'>
      <Text className='scr-field'>名称</Text>
      <Input className='scr-input scr-input--line' value={name} maxlength={60} placeholder='例如：2027年春季学期七年级心理健康测评' onInput={(e) => setName(e.detail.value)} />
      <Text className='scr-field'>测评工具</Text>
      <View className='scr-nav'>{INSTRUMENTS.map(([id, label]) => <Choice key={id} chip title={label} selected={instrumentIds.includes(id)} onClick={() => setInstruments(toggle(instrumentIds, id))} />)}</View>
      <Text className='scr-field'>年级</Text>
      <View className='scr-nav'>{gradeChoices.map((g) => <Choice key={g} chip title={gradeName(g)} selected={grades.includes(g)} onClick={() => setGrades(toggle(grades, g))} />)}</View>
      {classes.length && grades.length ? (
        <View>
          <Text className='scr-field'>班级（不选就是所选年级的全部班级）</Text>
          <View className='scr-nav'>
            {classes.filter((c) => grades.includes(c.grade)).map((c) => <Choice key={c.id} chip title={c.name} selected={classIds.includes(c.id)} onClick={() => setClassIds(toggle(classIds, c.id))} />)}
          </View>
        </View>
      ) : null}
      <Text className='scr-field'>时间（北京时间，首尾两天都算）</Text>
      <DateField label='开始' value={opensOn} onChange={setOpens} />
      <DateField label='结束' value={closesOn} onChange={setCloses} />
      <TermsFields v={terms} set={(k, s) => setTerms({ ...terms, [k]: s })} />
      {error ? <Notice>{error}</Notice> : null}
      <Button type='primary' big loading={busy} disabled={!name.trim() || !grades.length || !instrumentIds.length} onClick={create}>创建测评</Button>
    </Card>
  );
});

function Manage({ c, onChanged }: { c: CampaignItem; onChanged: () => void }) {
  const [closesOn, setCloses] = useState(c.closesOn);
  const [editing, setEditing] = useState(false);
  const [terms, setTerms] = useState({ consentText: c.consentText ?? '', purpose: c.purpose ?? '', recipients: c.recipients ?? '' });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const run = (change: Parameters<typeof screeningApi.updateCampaign>[0], done: string) => {
    setBusy(true);
    setMessage(null);
    screeningApi.updateCampaign(change, { requestId: newRequestId() })
      .then((r) => { setMessage(r.termsChanged ? '已保存。说明变了：已办理的同意需要家长重新确认，家长会在小程序里收到请求。' : done); setEditing(false); onChanged(); }, (e) => setMessage(messageOf(e)))
      .finally(() => setBusy(false));
  };
  return (
    <View>
      <DateField label='结束日期' value={closesOn} onChange={setCloses} />
      <View className='scr-nav'>
        <Button loading={busy} disabled={closesOn === c.closesOn} onClick={() => run({ id: c.id, closesOn }, '已改好结束日期。')}>保存结束日期</Button>
        {c.status === 'open'
          ? <Button loading={busy} onClick={() => void Taro.showModal({ title: '结束这次测评？', content: '结束后，还没答完的同学不能再作答。', confirmText: '结束测评', cancelText: '先不结束' })
            .then((r) => { if (r.confirm) run({ id: c.id, status: 'closed' }, '已结束这次测评。'); })}>结束测评</Button>
          : <Button loading={busy} onClick={() => run({ id: c.id, status: 'open' }, '已重新开放。')}>重新开放</Button>}
        <Button onClick={() => setEditing(!editing)}>{editing ? '不改了' : '修改给家长的说明'}</Button>
      </View>
      {editing ? (
        <View>
          <Notice type='info'>修改说明、用途或谁能看到以后，已经办理的同意都会失效，每位家长需要重新确认。</Notice>
          <TermsFields v={terms} set={(k, s) => setTerms({ ...terms, [k]: s })} />
          <Button type='primary' loading={busy} onClick={() => run({ id: c.id, ...terms }, '已保存，说明没有变化。')}>保存说明</Button>
        </View>
      ) : null}
      {message ? <Notice type='info'>{message}</Notice> : null}
    </View>
  );
}

export default function CampaignsPage() {
  const { data, error, reload } = useLoad(() => screeningApi.campaigns(), []);
  const [creating, setCreating] = useState(false);
  if (error) return <PageShell><RetryNotice message={error} onRetry={reload} /></PageShell>;
  if (!data) return <PageShell><Loading /></PageShell>;
  return (
    <PageShell>
      <View className='scr-wide'>
        {creating ? <CreateForm onCreated={() => { setCreating(false); reload(); }} /> : <Button type='primary' onClick={() => setCreating(true)}>新建一次测评</Button>}
        {data.items.map((c) => (
          <Card key={c.id} title={c.name} subtitle={`${c.opensOn} 至 ${c.closesOn} · ${c.status === 'open' ? (c.openNow ? '进行中' : '未到时间') : '已结束'}`} tone={c.openNow ? 'brand' : 'plain'}>
            <Text className='scr-muted'>
              {(c.grades ?? []).map(gradeName).join('、')}{c.classes?.length ? `（${c.classes.join('、')}）` : ''} · {c.schools ?? 1}所学校 · 说明第{c.consentVersion ?? 1}版
            </Text>
            {c.canManage ? <Manage c={c} onChanged={reload} /> : <Text className='scr-muted'>这次测评由区里或市里组织，您可以查看结果。</Text>}
          </Card>
        ))}
        {!data.items.length && !creating ? <Text className='hh-text scr-line'>还没有测评。点“新建一次测评”开始。</Text> : null}
      </View>
    </PageShell>
  );
}
