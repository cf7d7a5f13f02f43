/**
 * 家长同意 (guardian): what the screening is and who sees the answers, then
 * 同意 or 不同意 (both respected); afterwards whether the child has finished,
 * and whatever the psychology teacher chose to tell the family.
 */
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import EmptyState from '../../../components/EmptyState';
import Loading from '../../../components/Loading';
import Notice from '../../../components/Notice';
import RetryNotice from '../../../components/Notice/Retry';
import PageShell from '../../../components/PageShell';
import { timeText } from '../../../components/timeText';
import { newRequestId } from '../../../services/api';
import { messageOf } from '../../../services/errors';
import { screeningApi, type GuardianCurrent } from '../../../services/screening';
import '../../components/screening.scss';
import { dayWords } from '../../../components/timeText';

const STATE_TEXT: Record<string, string> = {
  needed: '还没有办理同意',
  given: '您已同意，孩子可以开始作答',
  declined: '您选择了不参加，我们尊重您的决定',
  not_required: '孩子已满14周岁，由孩子自己决定是否参加',
};

export default function ConsentPage() {
  const { params } = useRouter();
  const [view, setView] = useState<GuardianCurrent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState<boolean | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [requestId] = useState(newRequestId);

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
      .then(load, (e) => setSaveError(messageOf(e)))
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
  return (
    <PageShell>
      {!c ? (
        <EmptyState title='现在没有需要办理的心理测评' description={`${view.child.name}所在的年级现在没有开放的心理测评。学校安排时会在这里通知您。`} />
      ) : (
        <Card title={c.name} subtitle={`孩子：${view.child.name} · ${dayWords(c.closesOn)}前办理`} tone={view.consent === 'needed' ? 'brand' : 'plain'}>
          <Text className='hh-text'>{c.consentText}</Text>
          <Text className='hh-text scr-line'>当前状态：{STATE_TEXT[view.consent ?? 'needed']}</Text>
          {view.consent === 'given' || view.consent === 'not_required' ? (
            <Text className='hh-text scr-line'>孩子{view.finished ? '已经完成了问卷。' : '还没有完成问卷。'}</Text>
          ) : null}
          {saveError ? <Notice>{saveError}</Notice> : null}
          {view.consent === 'not_required' || view.finished ? null : (
            <View className='scr-nav'>
              <Button type='primary' loading={saving === true} disabled={view.consent === 'given'} onClick={() => decide(true)}>同意参加</Button>
              <Button loading={saving === false} disabled={view.consent === 'declined'} onClick={() => decide(false)}>不同意</Button>
            </View>
          )}
        </Card>
      )}
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
