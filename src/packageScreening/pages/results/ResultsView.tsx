/**
 * My school's results by risk (psychology teacher): alerts first, then every
 * student by urgency and level, with grade and class filters. A row opens
 * the student's 一生一策 file. Shared by 筛查结果 and 预警 (alerts only).
 */
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import Card from '../../../components/Card';
import Choice from '../../../components/Choice';
import EmptyState from '../../../components/EmptyState';
import Loading from '../../../components/Loading';
import RetryNotice from '../../../components/Notice/Retry';
import PageShell from '../../../components/PageShell';
import { timeText } from '../../../components/timeText';
import { gradeName } from '../../../domain/roster';
import { screeningApi, type ResultRow } from '../../../services/screening';
import CampaignChips from '../../components/CampaignChips';
import { COMPLETION_LABEL, URGENCY_LABEL } from '../../components/labels';
import { pickCampaign, useLoad } from '../../components/useLoad';
import '../../components/screening.scss';

const openFile = (studentId: string) => Taro.navigateTo({ url: `/packageScreening/pages/file/index?studentId=${encodeURIComponent(studentId)}` });

const openPaper = (r: ResultRow, campaignId: string) => Taro.navigateTo({
  url: `/packageScreening/pages/paper/index?studentId=${encodeURIComponent(r.studentId)}&campaignId=${encodeURIComponent(campaignId)}&name=${encodeURIComponent(r.name)}`,
});

function Row({ r, campaignId }: { r: ResultRow; campaignId: string }) {
  const urgent = r.alert?.status === 'open';
  const paper = r.status === 'awaiting_consent' || r.status === 'declined';
  return (
    <View className={`scr-row ${urgent ? 'scr-row--urgent' : ''}`} onClick={() => openFile(r.studentId)}>
      <Text className='scr-row__name'>{r.name}（{r.className}）</Text>
      <Text>
        {r.instruments.length
          ? r.instruments.map((i) => `${i.name.split('（')[0]} ${i.total ?? ''}${i.band ? ` ${i.band}` : ''}`).join(' · ')
          : COMPLETION_LABEL[r.status]}
      </Text>
      {r.alert && r.alert.status !== 'open' ? <Text className='scr-muted'>{`曾有预警：${r.alert.reasons.join('；')}`}</Text> : null}
      {r.alert ? (
        <Text className={`scr-tag ${r.alert.status === 'open' ? 'scr-tag--danger' : ''}`}>
          {r.alert.status === 'open' ? `${URGENCY_LABEL[r.alert.urgency]}${r.alert.overdue ? ' 已超时' : ''}` : '已跟进'}
        </Text>
      ) : null}
      {paper ? (
        <Text className='scr-link' onClick={(e) => { e.stopPropagation(); void openPaper(r, campaignId); }}>录入纸质同意书 ›</Text>
      ) : null}
    </View>
  );
}

export default function ResultsView({ alertsOnly }: { alertsOnly?: boolean }) {
  const { params } = useRouter();
  const [grade, setGrade] = useState<number | undefined>();
  const [classId, setClassId] = useState<string | undefined>();
  const [chosen, setChosen] = useState<string | undefined>(params.campaignId);
  const { data, error, reload } = useLoad(async () => {
    const { id, options } = await pickCampaign(screeningApi.campaigns, chosen);
    return id ? { ...(await screeningApi.results(id, { grade, classId })), options } : (false as const);
  }, [chosen, grade, classId]);
  const pick = (id: string) => { setChosen(id); setGrade(undefined); setClassId(undefined); };
  // shown again (back from a file or a paper consent): read the list again, so the row says what was just done
  const shownBefore = useRef(false);
  useDidShow(() => {
    if (shownBefore.current) reload();
    shownBefore.current = true;
  });

  if (error) return <PageShell><RetryNotice message={error} onRetry={reload} /></PageShell>;
  if (data === null) return <PageShell><Loading /></PageShell>;
  if (data === false) {
    return (
      <PageShell>
        <EmptyState title='还没有心理测评' description='学校或区里组织心理测评后，结果会在这里按风险排列。' />
        <Text className='scr-link' onClick={() => Taro.navigateTo({ url: '/packageScreening/pages/campaigns/index' })}>新建一次测评 ›</Text>
      </PageShell>
    );
  }
  const alerts = data.rows.filter((r) => r.alert);
  const shown = alertsOnly ? alerts : data.rows;
  return (
    <PageShell>
      <Card title={data.campaign.name} subtitle={`${data.campaign.opensOn} 至 ${data.campaign.closesOn} · 待跟进预警 ${data.openAlerts} 条`} tone={data.openAlerts ? 'danger' : 'brand'}>
        <Text className='scr-muted'>只有您能看到每名学生的结果；每次查看都会记入审计日志。</Text>
        <Text className='scr-muted' onClick={() => Taro.navigateTo({ url: `/packageScreening/pages/stats/index?campaignId=${data.campaign.id}` })}>查看完成率和汇总 ›</Text>
        <Text className='scr-link' onClick={() => Taro.navigateTo({ url: '/packageScreening/pages/campaigns/index' })}>组织测评：新建、延期、结束 ›</Text>
        <Text className='scr-link' onClick={() => Taro.navigateTo({ url: '/packageScreening/pages/requests/index' })}>家长的查看、更正、删除申请 ›</Text>
      </Card>
      <CampaignChips options={data.options} current={data.campaign.id} onPick={pick} />
      {alertsOnly ? null : (
        <View>
          <View className='scr-nav'>
            <Choice chip title='全部年级' selected={grade === undefined} onClick={() => { setGrade(undefined); setClassId(undefined); }} />
            {data.filters.grades.map((g) => <Choice key={g} chip title={gradeName(g)} selected={grade === g} onClick={() => setGrade(g)} />)}
          </View>
          <View className='scr-nav'>
            <Choice chip title='全部班级' selected={classId === undefined} onClick={() => setClassId(undefined)} />
            {data.filters.classes.map((c) => <Choice key={c.id} chip title={c.name} selected={classId === c.id} onClick={() => setClassId(c.id)} />)}
          </View>
        </View>
      )}
      <Card title={alertsOnly ? '预警' : '按风险排列'}>
        {shown.length ? shown.map((r) => <Row key={r.studentId} r={r} campaignId={data.campaign.id} />) : <Text className='hh-text'>{alertsOnly ? '现在没有预警。' : grade || classId ? '这个年级或班级没有参加这次测评的学生。' : '这次测评的年级里还没有学生：请学校管理员先导入名册。'}</Text>}
        {alertsOnly && alerts.length ? <Text className='scr-muted'>最早的预警：{timeText(Math.min(...alerts.map((a) => a.alert!.createdAt)))}。点开学生，记录跟进后预警即处理完毕。</Text> : null}
      </Card>
    </PageShell>
  );
}
