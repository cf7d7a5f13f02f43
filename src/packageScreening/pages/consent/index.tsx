/**
 * 家长同意 (guardian): what the screening is for, who reads the answers, the
 * text exactly as the school wrote it, then 同意 or 不同意 (both respected).
 * Afterwards: which guardian answered and how (in the app, or a paper form
 * the school recorded: who signed, the date, its photo, who recorded it),
 * every earlier answer, and a way to withdraw before the child submits.
 * When the school changed the text, what it said before. A request to see,
 * correct or delete the child's records (PIPL art. 45), and what the
 * psychology teacher chose to tell the family.
 */
import { Image, Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import Choice from '../../../components/Choice';
import EmptyState from '../../../components/EmptyState';
import Loading from '../../../components/Loading';
import Notice from '../../../components/Notice';
import RetryNotice from '../../../components/Notice/Retry';
import PageShell from '../../../components/PageShell';
import { timeText } from '../../../components/timeText';
import { newRequestId } from '../../../services/api';
import { largeText, setLargeText } from '../../../services/display';
import { messageOf } from '../../../services/errors';
import { screeningApi, type ConsentRecordView, type GuardianCurrent, type RequestKind } from '../../../services/screening';
import '../../components/screening.scss';
import { dayWords } from '../../../components/timeText';

const STATE_TEXT: Record<string, string> = {
  needed: '还没有办理同意',
  given: '已同意，孩子可以开始作答',
  declined: '不参加，我们尊重这个决定',
  not_required: '孩子已满14周岁，由孩子自己决定是否参加',
};

/** "刘芳（母亲）在小程序里同意了" / "学校据李国荣签署的纸质同意书录入了同意". */
function whoAnswered(r: ConsentRecordView): string {
  if (r.paper) return `学校录入了${r.paper.guardianName}${r.paper.relation ? `（${r.paper.relation}）` : ''}签署的纸质同意书`;
  const who = r.byMe ? '您' : `${r.guardianName ?? '另一位监护人'}${r.relation ? `（${r.relation}）` : ''}`;
  return `${who}在小程序里选择了${r.agree ? '同意' : '不同意'}`;
}

function RecordCard({ r }: { r: ConsentRecordView }) {
  return (
    <Card title={r.paper ? '学校录入了您签署的纸质同意书' : '谁办理的'} tone={r.overrodeDecline ? 'danger' : 'plain'}>
      <Text className='hh-text'>{whoAnswered(r)}（{timeText(r.at)}）。</Text>
      {r.paper ? (
        <View>
          {r.overrodeDecline ? <Notice>您之前在小程序里选择了“不同意”。学校随后录入了这张纸质同意书，所以现在算“同意”。如果您不同意，请点下面的“撤回同意”。</Notice> : null}
          <Text className='hh-text scr-line'>签字人：{r.paper.guardianName}{r.paper.relation ? `（${r.paper.relation}）` : ''}</Text>
          <Text className='hh-text'>签署日期：{r.paper.formDate}</Text>
          <Text className='hh-text'>录入人：{r.paper.recordedByName}老师，{timeText(r.paper.recordedAt)}</Text>
          {r.paper.photoUrl ? <Image className='scr-photo' src={r.paper.photoUrl} mode='widthFix' /> : <Text className='scr-muted'>照片暂时打不开，请稍后再看。</Text>}
        </View>
      ) : null}
      {r.history.length > 1 ? (
        <View>
          <Text className='scr-field'>之前的记录</Text>
          {r.history.slice(0, -1).reverse().map((h) => (
            <Text key={h.at} className='scr-muted'>{timeText(h.at)} · {h.byName} · {h.how} · {h.agree ? '同意' : '不同意'}</Text>
          ))}
        </View>
      ) : null}
    </Card>
  );
}

const KIND_TEXT: Record<RequestKind, string> = { see: '查看', correct: '更正', delete: '删除' };

function RightsCard({ view, onSent }: { view: GuardianCurrent; onSent: () => void }) {
  const [kind, setKind] = useState<RequestKind | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [requestId, setRequestId] = useState(newRequestId);
  const send = () => {
    if (!kind) return;
    setBusy(true);
    setError(null);
    screeningApi.request(view.child.id, kind, text.trim(), { requestId })
      .then(() => { setKind(null); setText(''); setRequestId(newRequestId()); onSent(); }, (e) => setError(messageOf(e)))
      .finally(() => setBusy(false));
  };
  return (
    <Card title='查看、更正或删除孩子的记录'>
      <Text className='hh-text'>您可以申请查看、更正或删除{view.child.name}的心理测评记录。学校心理老师会在15天内答复您。</Text>
      <View className='scr-nav'>
        {(['see', 'correct', 'delete'] as RequestKind[]).map((k) => <Choice key={k} chip title={KIND_TEXT[k]} selected={kind === k} onClick={() => setKind(k)} />)}
      </View>
      {kind ? (
        <View>
          <Textarea className='scr-input' value={text} maxlength={500} placeholder={kind === 'correct' ? '请写一写哪里需要更正' : '（可选）想说明的情况'} onInput={(e) => setText(e.detail.value)} />
          {error ? <Notice>{error}</Notice> : null}
          <Button type='primary' loading={busy} onClick={send}>提交申请</Button>
        </View>
      ) : null}
      {(view.requests ?? []).map((q) => (
        <View key={q.id} className='scr-row'>
          <Text>{q.kindText} · {q.byName} · {timeText(q.at)}</Text>
          <Text className='scr-muted'>
            {q.status === 'open' ? `心理老师正在办理，最晚 ${timeText(q.dueAt)} 前答复` : `${q.outcomeText}（${q.answeredByName}老师，${timeText(q.answeredAt!)}）：${q.answer}`}
          </Text>
        </View>
      ))}
    </Card>
  );
}

export default function ConsentPage() {
  const { params } = useRouter();
  const [view, setView] = useState<GuardianCurrent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState<boolean | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [requestId, setRequestId] = useState(newRequestId);
  const [large, setLarge] = useState(largeText);

  const load = useCallback(() => {
    setError(null);
    screeningApi.current(params.studentId).then((v) => setView(v as GuardianCurrent), (e) => setError(messageOf(e)));
  }, [params.studentId]);
  useEffect(load, [load]);

  const decide = (agree: boolean) => {
    if (!view?.campaign) return;
    setSaving(agree);
    setSaveError(null);
    screeningApi.consent(view.campaign.id, view.child.id, agree, { requestId: `${requestId}${agree ? 'y' : 'n'}` })
      .then(() => { setRequestId(newRequestId()); load(); }, (e) => setSaveError(messageOf(e)))
      .finally(() => setSaving(null));
  };

  if (error) return <PageShell><RetryNotice message={error} onRetry={load} /></PageShell>;
  if (!view) return <PageShell><Loading /></PageShell>;
  // A student (or anyone who is not a linked guardian) who lands here gets the student's answer, without a
  // child: say where to go instead of failing on the missing child.
  if (!view.child) {
    return (
      <PageShell>
        <EmptyState title='这一页是给家长的' description='家长在这里同意或不同意孩子参加心理测评。同学们请回到「首页」，从“心理测评”卡片进入。' />
      </PageShell>
    );
  }
  const c = view.campaign;
  const r = view.consentRecord;
  const agreed = view.consent === 'given';
  return (
    <PageShell className={large ? 'scr-consent scr-consent--large' : 'scr-consent'}>
      {/* the same 大字 switch as the letter and the lessons (kept on this phone): a grandparent reads this page too */}
      <Button className='scr-large' onClick={() => { setLargeText(!large); setLarge(!large); }}>{large ? '字小一点' : '大字'}</Button>
      {!c ? (
        <EmptyState title='现在没有需要办理的心理测评' description={`${view.child.name}所在的年级现在没有开放的心理测评。学校安排时会在这里通知您。`} />
      ) : (
        <Card title={c.name} subtitle={`孩子：${view.child.name} · ${dayWords(c.closesOn)}前办理`} tone={view.consent === 'needed' ? 'brand' : 'plain'}>
          {view.changed ? (
            <Notice>学校修改了这次测评的说明，请重新看一看，再选择同意或不同意。您之前的选择是对旧说明做的。</Notice>
          ) : null}
          {r?.paper && !view.changed && agreed ? (
            <Notice>{`学校录入了${r.paper.guardianName}签署的纸质同意书（${r.paper.formDate}），照片和录入人在下方。${r.overrodeDecline ? '您之前在小程序里选了“不同意”。' : ''}如果您不同意，可以点“撤回同意”。`}</Notice>
          ) : null}
          <Text className='hh-text'>{c.consentText}</Text>
          <Text className='scr-field'>用途</Text>
          <Text className='hh-text'>{c.purpose}</Text>
          <Text className='scr-field'>谁能看到孩子的回答</Text>
          <Text className='hh-text'>{c.recipients}</Text>
          {view.changed ? (
            <View className='scr-change'>
              <Text className='scr-field'>修改前的说明（{timeText(view.changed.at)}修改）</Text>
              {view.changed.text !== c.consentText ? <Text className='hh-text'>{view.changed.text}</Text> : null}
              {view.changed.purpose !== c.purpose ? <Text className='hh-text'>用途：{view.changed.purpose}</Text> : null}
              {view.changed.recipients !== c.recipients ? <Text className='hh-text'>谁能看到：{view.changed.recipients}</Text> : null}
            </View>
          ) : null}
          <Text className='hh-text scr-line'>当前状态：{STATE_TEXT[view.consent ?? 'needed']}{r && !view.changed ? `（${whoAnswered(r)}）` : ''}</Text>
          {agreed || view.consent === 'not_required' ? (
            <Text className='hh-text scr-line'>孩子{view.finished ? '已经完成了问卷。' : '还没有完成问卷。'}</Text>
          ) : null}
          {saveError ? <Notice>{saveError}</Notice> : null}
          {view.consent === 'not_required' || view.finished ? null : (
            <View className='scr-nav'>
              {/* Only the choices that change something: after agreeing, only 撤回同意; after declining, only 同意参加. */}
              {agreed ? null : <Button type='primary' loading={saving === true} onClick={() => decide(true)}>{view.consent === 'declined' ? '改为同意参加' : '同意参加'}</Button>}
              {view.consent === 'declined' ? null : <Button loading={saving === false} onClick={() => decide(false)}>{agreed ? '撤回同意' : '不同意'}</Button>}
            </View>
          )}
          {agreed && !view.finished ? <Text className='scr-muted'>撤回后，孩子还没提交的答案会马上删除。</Text> : null}
          {agreed && view.finished ? <Text className='scr-muted'>孩子已经提交了问卷，同意就不能再撤回了。如果您希望删除孩子的记录，可以在下面“查看、更正或删除孩子的记录”里申请删除，心理老师会答复您。</Text> : null}
        </Card>
      )}
      {c && r && !view.changed ? <RecordCard r={r} /> : null}
      <RightsCard view={view} onSent={load} />
      {view.notifications.length ? (
        <Card title='心理老师告诉您的话'>
          {view.notifications.map((n) => (
            <View key={n.at}>
              <Text className='scr-muted'>{n.byName} · {timeText(n.at)}</Text>
              <Text className='hh-text'>{n.message}</Text>
            </View>
          ))}
        </Card>
      ) : null}
    </PageShell>
  );
}
