/**
 * A student's 一生一策 file (psychology teacher of the school): status, plan,
 * results across semesters (the trend), alerts, and the record: follow-ups,
 * what the family was told (and what they may read in the app), referrals to
 * a designated hospital. Every opening is audited by the cloud.
 */
import { Image, Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import Choice from '../../../components/Choice';
import Loading from '../../../components/Loading';
import Notice from '../../../components/Notice';
import RetryNotice from '../../../components/Notice/Retry';
import PageShell from '../../../components/PageShell';
import { timeText } from '../../../components/timeText';
import { newRequestId } from '../../../services/api';
import { messageOf } from '../../../services/errors';
import { screeningApi, type FileChange, type ReadLogItem, type StudentFile } from '../../../services/screening';
import { HOW_LABEL, KIND_LABEL, STATUS_LABEL, URGENCY_LABEL } from '../../components/labels';
import { useLoad } from '../../components/useLoad';
import '../../components/screening.scss';

type Form = 'followup' | 'notification' | 'referral' | 'plan' | 'status';
type Status = 'routine' | 'watch' | 'closed';

function Trend({ f }: { f: StudentFile }) {
  if (!f.results.length) return <Text className='hh-text'>还没有测评结果。</Text>;
  return (
    <View>
      {f.results.map((r) => (
        <View key={r.campaignId} className='scr-row'>
          <Text>{r.schoolYear} 第{r.semester}学期</Text>
          <Text>{r.instruments.map((i) => `${i.name.split('（')[0]} ${i.total ?? ''} ${i.band ?? ''}`).join(' · ')}</Text>
        </View>
      ))}
    </View>
  );
}

function Editor({ f, onSaved }: { f: StudentFile; onSaved: () => void }) {
  const [form, setForm] = useState<Form>('followup');
  const [text, setText] = useState('');
  const [guardianMessage, setGuardianMessage] = useState('');
  const [how, setHow] = useState<'in_person' | 'phone' | 'app' | 'letter'>('phone');
  const [hospitalId, setHospitalId] = useState(f.hospitals[0]?.id ?? '');
  // no status is offered until one is picked, and never the one the file already has (walk 16 N6)
  const [status, setStatus] = useState<Status | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [requestId, setRequestId] = useState(newRequestId);
  const save = () => {
    const change: FileChange = form === 'notification'
      ? { kind: 'notification', how, text, ...(how === 'app' && guardianMessage.trim() ? { guardianMessage } : {}) }
      : form === 'referral' ? { kind: 'referral', hospitalId, text }
        : form === 'status' ? { kind: 'status', status: status!, ...(text.trim() ? { text } : {}) } : { kind: form, text };
    setSaving(true);
    setError(null);
    screeningApi.updateFile(f.student.id, change, { requestId })
      .then(() => { setText(''); setGuardianMessage(''); setStatus(null); setRequestId(newRequestId()); onSaved(); }, (e) => setError(messageOf(e)))
      .finally(() => setSaving(false));
  };
  return (
    <Card title='记录'>
      <View className='scr-nav'>
        {(['followup', 'notification', 'referral', 'plan', 'status'] as Form[]).map((k) => (
          <Choice key={k} chip title={KIND_LABEL[k]} selected={form === k} onClick={() => setForm(k)} />
        ))}
      </View>
      {form === 'notification' ? (
        <View className='scr-nav'>
          {(['phone', 'in_person', 'letter', 'app'] as const).map((k) => <Choice key={k} chip title={HOW_LABEL[k]} selected={how === k} onClick={() => setHow(k)} />)}
        </View>
      ) : null}
      {form === 'status' ? (
        <View>
          <Text className='scr-muted'>{`现在是“${STATUS_LABEL[f.status]}”。改为：`}</Text>
          <View className='scr-nav'>
            {(['routine', 'watch', 'closed'] as const).filter((k) => k !== f.status).map((k) => <Choice key={k} chip title={STATUS_LABEL[k]} selected={status === k} onClick={() => setStatus(k)} />)}
          </View>
        </View>
      ) : null}
      {form === 'referral' ? f.hospitals.map((h) => <Choice key={h.id} title={h.name} description={h.lines.join(' · ')} selected={hospitalId === h.id} onClick={() => setHospitalId(h.id)} />) : null}
      <Textarea className='scr-input' value={text} maxlength={2000} placeholder={form === 'plan' ? '辅导计划：目标、频次、谁负责' : form === 'status' ? '（可选）为什么改成这个状态' : '写下经过和约定'} onInput={(e) => setText(e.detail.value)} />
      {/* Only the 小程序 way writes words for the family; the others record how they were told. Every bound guardian reads it. */}
      {form === 'notification' && how === 'app' ? (
        <View>
          <Text className='scr-muted'>下面这段话，孩子的每一位已绑定的监护人（比如爸爸妈妈、爷爷奶奶）都会在小程序里看到。不要写孩子的回答和分数。</Text>
          <Textarea className='scr-input' value={guardianMessage} maxlength={1000} placeholder='家长在小程序里能看到的话' onInput={(e) => setGuardianMessage(e.detail.value)} />
        </View>
      ) : null}
      {error ? <Notice>{error}</Notice> : null}
      <Button type='primary' loading={saving} disabled={form === 'status' ? !status || status === f.status : !text.trim()} onClick={save}>
        {form !== 'status' ? '保存记录' : status && status !== f.status ? `把状态改为“${STATUS_LABEL[status]}”` : '先选一个新状态'}
      </Button>
    </Card>
  );
}

/** Who read this file, when, and who was refused (psychology teacher; the read of the log is logged too). */
function ReadLog({ studentId }: { studentId: string }) {
  const [items, setItems] = useState<ReadLogItem[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = () => {
    setBusy(true);
    setError(null);
    screeningApi.readLog(studentId).then((r) => setItems(r.items), (e) => setError(messageOf(e))).finally(() => setBusy(false));
  };
  return (
    <Card title='谁看过这份档案'>
      {items === null ? <Button loading={busy} onClick={load}>查看查阅记录</Button> : items.length ? items.map((i) => (
        <View key={i.id} className={`scr-row ${i.denied ? 'scr-row--urgent' : ''}`}>
          <Text>{i.who}：{i.what}</Text>
          <Text className='scr-muted'>{timeText(i.at)}</Text>
        </View>
      )) : <Text className='hh-text'>还没有查阅记录。</Text>}
      {error ? <Notice>{error}</Notice> : null}
    </Card>
  );
}

function Consents({ f }: { f: StudentFile }) {
  if (!f.consents.length) return null;
  return (
    <Card title='家长同意'>
      {f.consents.map((k) => (
        <View key={k.campaignId} className='scr-row'>
          <Text>{k.agree ? '同意' : '不同意'} · {k.byName} · {timeText(k.at)}（说明第{k.version}版）</Text>
          {k.overrodeDecline ? <Text className='scr-muted'>家长曾在小程序里选“不同意”，之后录入了纸质同意书；家长已收到通知，可以撤回。</Text> : null}
          {k.paper ? (
            <View>
              <Text className='scr-muted'>签字人 {k.paper.guardianName}{k.paper.relation ? `（${k.paper.relation}）` : ''} · 签署日期 {k.paper.formDate} · {k.paper.recordedByName}录入</Text>
              {k.paper.photoUrl ? <Image className='scr-photo' src={k.paper.photoUrl} mode='widthFix' /> : null}
            </View>
          ) : null}
        </View>
      ))}
    </Card>
  );
}

export default function FilePage() {
  const { params } = useRouter();
  const { data: f, error, reload } = useLoad(() => screeningApi.file(params.studentId ?? ''), [params.studentId]);
  if (error) return <PageShell><RetryNotice message={error} onRetry={reload} /></PageShell>;
  if (!f) return <PageShell><Loading /></PageShell>;
  const open = f.alerts.filter((a) => a.status === 'open');
  return (
    <PageShell>
      <Card title={`${f.student.name}的一生一策档案`} subtitle={`${f.student.className} · ${f.student.age}岁 · ${STATUS_LABEL[f.status]}`} tone={open.length ? 'danger' : 'brand'}>
        {open.map((a) => (
          <Notice key={a.id}>{`预警：${URGENCY_LABEL[a.urgency]}处理，截止 ${timeText(a.dueAt)}${a.overdue ? '（已超时）' : ''}。${a.reasons.join('；')}。记录一次跟进即处理完毕。`}</Notice>
        ))}
        {/* Followed up, never forgotten: a later reader still sees why this child was flagged (found walking the file) */}
        {f.alerts.filter((a) => a.status !== 'open').map((a) => (
          <Text key={a.id} className='hh-text scr-alert-past'>{`曾经的预警（${timeText(a.createdAt)}，已跟进）：${a.reasons.join('；')}`}</Text>
        ))}
        <Text className='hh-text'>辅导计划：{f.plan || '还没有写'}</Text>
      </Card>
      <Card title='历次测评'><Trend f={f} /></Card>
      <Consents f={f} />
      <Editor f={f} onSaved={reload} />
      <Card title='记录'>
        {f.log.length ? f.log.map((e) => (
          <View key={e.id} className='scr-row'>
            <View className='scr-log'>
              <Text>{KIND_LABEL[e.kind]}{e.how ? `（${HOW_LABEL[e.how]}）` : ''}{e.hospitalName ? ` → ${e.hospitalName}` : ''}{e.status ? ` → ${STATUS_LABEL[e.status]}` : ''}{e.text ? `：${e.text}` : ''}</Text>
              {e.guardianMessage ? <Text className='scr-muted scr-log__guardian'>{`家长在小程序里看到的话：“${e.guardianMessage}”`}</Text> : null}
            </View>
            <Text className='scr-muted'>{e.byName} {timeText(e.at)}</Text>
          </View>
        )) : <Text className='hh-text'>还没有记录。</Text>}
      </Card>
      <ReadLog studentId={f.student.id} />
    </PageShell>
  );
}
