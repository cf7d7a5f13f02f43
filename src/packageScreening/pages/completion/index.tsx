/**
 * 完成情况 (class teacher): who in my class has finished, who waits for a
 * guardian's consent; a private reminder to one student, or to the family
 * of one awaiting consent (where a guardian has bound the app: otherwise the
 * row says so, as a reminder would reach nobody). Never answers, scores or
 * alerts: the cloud does not send them here.
 */
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import EmptyState from '../../../components/EmptyState';
import Loading from '../../../components/Loading';
import Notice from '../../../components/Notice';
import RetryNotice from '../../../components/Notice/Retry';
import PageShell from '../../../components/PageShell';
import { messageOf } from '../../../services/errors';
import { screeningApi, type CompletionRow } from '../../../services/screening';
import { COMPLETION_LABEL } from '../../components/labels';
import CampaignChips from '../../components/CampaignChips';
import { pickCampaign, useLoad } from '../../components/useLoad';
import '../../components/screening.scss';

export default function CompletionPage() {
  const { params } = useRouter();
  const [note, setNote] = useState<{ text: string; type: 'info' | 'warning' } | null>(null);
  const [chosen, setChosen] = useState<string | undefined>(params.campaignId);
  const { data, error, reload } = useLoad(async () => {
    const { id, options } = await pickCampaign(screeningApi.campaigns, chosen);
    return id ? { ...(await screeningApi.completion(id)), options } : (false as const);
  }, [chosen]);
  if (error) return <PageShell><RetryNotice message={error} onRetry={reload} /></PageShell>;
  if (data === null) return <PageShell><Loading /></PageShell>;
  if (data === false) return <PageShell><EmptyState title='没有心理测评' description='学校安排心理测评后，班级的完成情况会在这里显示。' /></PageShell>;
  const nudge = ({ studentId, name, status }: CompletionRow) => {
    screeningApi.nudge(data.campaign.id, studentId).then((r) => {
      setNote({ type: 'info', text: r.to === 'guardians' ? `已提醒${name}的家长（${r.guardians ?? 0}位）在小程序里同意或不同意。每天最多提醒一次。` : `已悄悄提醒${name}，只有他/她自己能看到。` });
      reload();
      // a refusal names the child too: the banner is at the top, away from the row that was tapped
    }, (e) => setNote({ type: 'warning', text: `没有提醒到${name}${status === 'awaiting_consent' ? '的家长' : ''}：${messageOf(e)}` }));
  };
  return (
    <PageShell>
      <CampaignChips options={data.options} current={data.campaign.id} onPick={setChosen} />
      {note ? <Notice type={note.type}>{note.text}</Notice> : null}
      {data.classes.map((c) => (
        <Card key={c.classId} title={`${c.className} 完成 ${c.counts.finished}/${c.counts.total}`} subtitle={`${data.campaign.name} · 截止 ${data.campaign.closesOn}`}>
          <Text className='scr-muted'>这里只显示是否完成。学生的回答只有学校心理老师能看到。</Text>
          {c.students.map((s) => (
            <View key={s.studentId} className='scr-row'>
              <Text className='scr-row__name'>{s.name}</Text>
              <Text className={`scr-tag ${s.status === 'finished' ? '' : 'scr-tag--warn'}`}>{COMPLETION_LABEL[s.status]}</Text>
              {s.status === 'not_finished' ? (
                <Button onClick={() => nudge(s)}>{s.nudgedAt ? '已提醒' : '悄悄提醒'}</Button>
              ) : null}
              {/* a decline is the family's answer: only an unanswered request is reminded, and only a family on the app can be */}
              {s.status === 'awaiting_consent' && s.guardianBound === false ? (
                <Text className='scr-row__note'>家长还没有绑定护航</Text>
              ) : null}
              {s.status === 'awaiting_consent' && s.guardianBound !== false ? (
                <Button onClick={() => nudge(s)}>{s.nudgedAt ? '已提醒家长' : '提醒家长'}</Button>
              ) : null}
            </View>
          ))}
        </Card>
      ))}
    </PageShell>
  );
}
