/**
 * 统计 (coordinators): in my area, how many reports are open, overdue and
 * escalated; by kind, by county and by month; and how long it takes, as a
 * median, to take a report on and to close it.
 */
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { useEffect, useState } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import EmptyState from '../../../components/EmptyState';
import Loading from '../../../components/Loading';
import RetryNotice from '../../../components/Notice/Retry';
import PageShell from '../../../components/PageShell';
import { StatsStore, humanDuration } from '../../../stores/workbench';
import './index.scss';

/** Horizontal bars drawn with Views: no chart library in the package. */
function Bars({ rows }: { rows: { key: string; label: string; count: number }[] }) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <View>
      {rows.map((r) => (
        <View key={r.key} className='stats-bar'>
          <Text className='stats-bar__label'>{r.label}</Text>
          <View className='stats-bar__track'>
            <View className='stats-bar__fill' style={{ width: `${(r.count / max) * 100}%` }} />
          </View>
          <Text className='stats-bar__count'>{r.count}</Text>
        </View>
      ))}
    </View>
  );
}

function Count({ label, value, tone }: { label: string; value: number; tone?: 'danger' | 'warn' }) {
  return (
    <View className={`stats-number ${tone ? `stats-number--${tone}` : ''}`}>
      <Text className='stats-number__value'>{value}</Text>
      <Text className='stats-number__label'>{label}</Text>
    </View>
  );
}

function Median({ label, ms, className }: { label: string; ms: number | null; className: string }) {
  return (
    <View className={`stats-median ${className}`}>
      <Text className='stats-median__label'>{label}</Text>
      <Text className='stats-median__value'>{ms === null ? '暂无数据' : humanDuration(ms)}</Text>
    </View>
  );
}

const monthLabel = (m: string) => `${Number.parseInt(m.slice(0, 4), 10)}年${Number.parseInt(m.slice(5, 7), 10)}月`;

function WorkStatsPage() {
  const [stats] = useState(() => new StatsStore());
  useEffect(() => {
    void stats.load();
  }, [stats]);

  const { data } = stats;
  let body;
  if (!data && stats.loading) body = <Loading text='正在统计…' />;
  else if (!data) body = <RetryNotice message={stats.error ?? '统计没有加载出来。'} onRetry={() => void stats.load()} />;
  else if (data.total === 0) {
    body = <EmptyState title='还没有举报' description={`${data.areaName}还没有收到举报。有举报以后，这里会显示数量、分类和处理用时。`} />;
  } else {
    body = (
      <View>
        <Card title={`${data.areaName}的举报`} subtitle={`共${data.total}件`} tone='brand'>
          <View className='stats-numbers'>
            <Count label='未办结' value={data.open} />
            <Count label='已超时' value={data.overdue} tone={data.overdue > 0 ? 'danger' : undefined} />
            <Count label='已升级' value={data.escalated} tone={data.escalated > 0 ? 'warn' : undefined} />
          </View>
        </Card>
        <Card title='处理用时（中位数）' subtitle='一半的举报比这个快，一半比这个慢。'>
          <Median label='从提交到受理' ms={data.medianMsToAcknowledge} className='hh-stats-ack' />
          <Median label='从提交到办结' ms={data.medianMsToResolve} className='hh-stats-resolve' />
        </Card>
        <Card title='按类别'>
          <Bars rows={data.byCategory.map((r) => ({ key: r.category, label: r.name, count: r.count }))} />
        </Card>
        <Card title='按县（区）'>
          <Bars rows={data.byCounty.map((r) => ({ key: r.jurisdiction, label: r.name, count: r.count }))} />
        </Card>
        <Card title='按月份'>
          <Bars rows={data.byMonth.map((r) => ({ key: r.month, label: monthLabel(r.month), count: r.count }))} />
        </Card>
        <Button className='hh-stats-refresh' loading={stats.loading} onClick={() => void stats.load()}>
          刷新
        </Button>
      </View>
    );
  }
  return <PageShell>{body}</PageShell>;
}

export default observer(WorkStatsPage);
