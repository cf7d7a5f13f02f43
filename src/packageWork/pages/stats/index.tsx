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
import { go } from '../../../pages/routes';
import { StatsStore, humanDuration, type StatsList } from '../../../stores/workbench';
import { fullTimeText } from '../../components/format';
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

function Count({ label, value, tone, onTap, opened, className }: {
  label: string; value: number; tone?: 'danger' | 'warn'; onTap: () => void; opened: boolean; className: string;
}) {
  return (
    <View className={`stats-number ${tone ? `stats-number--${tone}` : ''} ${opened ? 'stats-number--opened' : ''} ${className}`} onClick={onTap}>
      <Text className='stats-number__value'>{value}</Text>
      <Text className='stats-number__label'>{label} ›</Text>
    </View>
  );
}

const LIST_TITLES: Record<StatsList, string> = { open: '未办结的举报', overdue: '已超时的举报', escalated: '已升级的举报' };

/** The list behind the number tapped: the backlog without content, or cases to open. */
const OpenedList = observer(function OpenedList({ stats }: { stats: StatsStore }) {
  const which = stats.opened;
  if (!which) return null;
  let body;
  if (stats.listLoading) body = <Loading text='正在加载…' />;
  else if (stats.listError) body = <RetryNotice message={stats.listError} onRetry={() => void stats.reloadList()} />;
  else if (which === 'open') {
    body = stats.backlog.length === 0 ? <Text className='hh-text'>没有未办结的举报。</Text> : stats.backlog.map((b) => (
      <View key={b.caseNumber} className='stats-row hh-stats-backlog-row'>
        <Text className='stats-row__title'>{b.priority} {b.categoryName} · {b.statusName}{b.overdue ? ' · 已超时' : ''}</Text>
        <Text className='stats-row__meta'>{[b.jurisdictionName, b.schoolName].filter(Boolean).join(' · ')}</Text>
        <Text className='stats-row__meta'>案件号 {b.caseNumber} · 提交于 {fullTimeText(b.createdAt)} · 期限 {fullTimeText(b.dueAt)}</Text>
      </View>
    ));
  } else {
    body = stats.cases.length === 0 ? <Text className='hh-text'>现在没有这样的举报。</Text> : stats.cases.map((c) => (
      <View key={c.id} className='stats-row stats-row--open hh-stats-case-row' onClick={() => void go.workCase(c.id)}>
        <Text className='stats-row__title'>{c.priority} {c.categoryName} · {c.statusName} ›</Text>
        <Text className='stats-row__meta'>{[c.jurisdictionName, c.schoolName].filter(Boolean).join(' · ')} · 案件号 {c.caseNumber}</Text>
      </View>
    ));
  }
  return (
    <Card title={LIST_TITLES[which]} subtitle={which === 'open' ? '只列出类别、地点和期限，不含举报内容；超时或升级的案件可以打开查看。' : '点一件打开查看。'}>
      {body}
    </Card>
  );
});

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
            <Count label='未办结' value={data.open} className='hh-stats-open' opened={stats.opened === 'open'} onTap={() => void stats.open('open')} />
            <Count label='已超时' value={data.overdue} className='hh-stats-overdue' tone={data.overdue > 0 ? 'danger' : undefined} opened={stats.opened === 'overdue'} onTap={() => void stats.open('overdue')} />
            <Count label='已升级' value={data.escalated} className='hh-stats-escalated' tone={data.escalated > 0 ? 'warn' : undefined} opened={stats.opened === 'escalated'} onTap={() => void stats.open('escalated')} />
          </View>
        </Card>
        <OpenedList stats={stats} />
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
