/**
 * 家长申请 (psychology teacher): guardians' requests to see, correct or
 * delete their child's screening records (PIPL art. 45), open ones first by
 * their 15-day deadline; each gets a recorded answer the family reads.
 */
import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
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
import { messageOf } from '../../../services/errors';
import { screeningApi, type RightsRequest } from '../../../services/screening';
import { useLoad } from '../../components/useLoad';
import '../../components/screening.scss';

type Outcome = 'done' | 'partly' | 'declined';
const OUTCOMES: Array<[Outcome, string]> = [['done', '已办理'], ['partly', '部分办理'], ['declined', '不能办理']];

function Answer({ q, onDone }: { q: RightsRequest; onDone: () => void }) {
  const [outcome, setOutcome] = useState<Outcome>('done');
  const [answer, setAnswer] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [requestId] = useState(newRequestId);
  const send = () => {
    setBusy(true);
    setError(null);
    screeningApi.answerRequest(q.id, outcome, answer.trim(), { requestId }).then(onDone, (e) => setError(messageOf(e))).finally(() => setBusy(false));
  };
  return (
    <View>
      <View className='scr-nav'>{OUTCOMES.map(([k, t]) => <Choice key={k} chip title={t} selected={outcome === k} onClick={() => setOutcome(k)} />)}</View>
      <Textarea className='scr-input' value={answer} maxlength={1000} placeholder='写给家长的答复：做了什么；不能办理时说明原因' onInput={(e) => setAnswer(e.detail.value)} />
      {error ? <Notice>{error}</Notice> : null}
      <Button type='primary' loading={busy} disabled={answer.trim().length < 2} onClick={send}>答复家长</Button>
    </View>
  );
}

export default function RequestsPage() {
  const { data, error, reload } = useLoad(() => screeningApi.requests(), []);
  if (error) return <PageShell><RetryNotice message={error} onRetry={reload} /></PageShell>;
  if (!data) return <PageShell><Loading /></PageShell>;
  if (!data.items.length) return <PageShell><EmptyState title='没有家长申请' description='家长申请查看、更正或删除孩子的测评记录时，会出现在这里，请在15天内答复。' /></PageShell>;
  return (
    <PageShell>
      <View className='scr-wide'>
        {data.items.map((q) => (
          <Card key={q.id} title={`${q.studentName ?? ''} · ${q.kindText}`} subtitle={`${q.byName} · ${timeText(q.at)}`} tone={q.status === 'open' ? (q.overdue ? 'danger' : 'brand') : 'plain'}>
            {q.text ? <Text className='hh-text'>{q.text}</Text> : null}
            {q.status === 'open' ? (
              <View>
                <Text className='scr-muted'>最晚 {timeText(q.dueAt)} 前答复{q.overdue ? '（已超时，请尽快答复）' : ''}</Text>
                <Answer q={q} onDone={reload} />
              </View>
            ) : (
              <Text className='scr-muted'>{q.outcomeText} · {q.answeredByName} · {timeText(q.answeredAt!)}：{q.answer}</Text>
            )}
          </Card>
        ))}
      </View>
    </PageShell>
  );
}
