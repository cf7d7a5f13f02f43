/**
 * 心理测评统计 (coordinator: my county or the city; psychology teacher: my
 * school): coverage per county, school and class, overdue alerts per school
 * (a count, never who), and band counts per county and grade. Aggregates
 * only; for a coordinator no figure under 5 children, nor one that would give
 * such a figure away, shown as "不显示".
 */
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import Card from '../../../components/Card';
import EmptyState from '../../../components/EmptyState';
import Loading from '../../../components/Loading';
import RetryNotice from '../../../components/Notice/Retry';
import PageShell from '../../../components/PageShell';
import { gradeName } from '../../../domain/roster';
import { screeningApi, type Coverage } from '../../../services/screening';
import CampaignChips from '../../components/CampaignChips';
import { pickCampaign, useLoad } from '../../components/useLoad';
import '../../components/screening.scss';

// "不显示", not "<5": a figure may be withheld only to protect another one
const cell = (n: number | null) => (n === null ? '不显示' : String(n));
const pct = (c: Coverage) => (c.eligible === null || c.finished === null ? '' : c.eligible ? `（${Math.round((c.finished / c.eligible) * 100)}%）` : '（—）');

function CoverageRows({ rows }: { rows: (Coverage & { name: string; overdueAlerts?: number })[] }) {
  return (
    <View>
      {rows.map((r) => (
        <View key={r.name} className='scr-row'>
          <Text>{r.name}</Text>
          <Text>完成 {cell(r.finished)}/{cell(r.eligible)}{pct(r)} · 待同意 {cell(r.awaitingConsent)} · 不参加 {cell(r.declined)}</Text>
          {r.overdueAlerts ? <Text className='scr-tag scr-tag--danger'>超时预警 {r.overdueAlerts}</Text> : null}
        </View>
      ))}
    </View>
  );
}

export default function StatsPage() {
  const { params } = useRouter();
  const [chosen, setChosen] = useState<string | undefined>(params.campaignId);
  const { data, error, reload } = useLoad(async () => {
    const { id, options } = await pickCampaign(screeningApi.campaigns, chosen);
    return id ? { ...(await screeningApi.stats(id)), options } : (false as const);
  }, [chosen]);
  if (error) return <PageShell><RetryNotice message={error} onRetry={reload} /></PageShell>;
  if (data === null) return <PageShell><Loading /></PageShell>;
  if (data === false) return <PageShell><EmptyState title='还没有心理测评' description='组织心理测评后，覆盖情况和分布会在这里显示。' /></PageShell>;
  return (
    <PageShell>
      <CampaignChips options={data.options} current={data.campaign.id} onPick={setChosen} />
      <Card title={data.campaign.name} subtitle={`截止 ${data.campaign.closesOn}`} tone='brand'>
        <Text className='hh-text'>完成 {cell(data.total.finished)}/{cell(data.total.eligible)}{pct(data.total)}，等待家长同意 {cell(data.total.awaitingConsent)}，家长不同意 {cell(data.total.declined)}。</Text>
        <Text className='scr-muted'>这里只有汇总数字；只有1到4人的数字，以及能用别的数字推算出它们的数字，显示为“不显示”，看不出是谁。</Text>
      </Card>
      {data.byCounty.length > 1 ? <Card title='各县区'><CoverageRows rows={data.byCounty} /></Card> : null}
      <Card title='各学校'><CoverageRows rows={data.bySchool} /></Card>
      {data.byClass.length ? <Card title='各班级'><CoverageRows rows={data.byClass} /></Card> : <Card title='各班级'><Text className='scr-muted'>范围内学校较多，各班级的数字请在首页“目标看板”里点进学校查看。</Text></Card>}
      <Card title='结果分布（按县区、年级）'>
        {data.bands.length ? null : <Text className='scr-muted'>还没有同学完成这次测评，有人完成后这里会显示分布。</Text>}
        {data.bands.map((b) => (
          <View key={`${b.countyName}${b.grade}${b.instrumentName}`} className='scr-row'>
            <Text>{b.countyName} {gradeName(b.grade)} {b.instrumentName}（{cell(b.n)}人）</Text>
            <Text>{b.bands.map((x) => `${x.label} ${cell(x.count)}`).join(' · ')}</Text>
          </View>
        ))}
      </Card>
      {data.trend.length > 1 ? (
        <Card title='历次测评'>
          {data.trend.map((t) => (
            <View key={t.campaignId} className='scr-row'>
              <Text>{t.schoolYear} 第{t.semester}学期</Text>
              <Text>完成 {t.finished} · 需要关注 {cell(t.needAttention)}</Text>
            </View>
          ))}
        </Card>
      ) : null}
    </PageShell>
  );
}
