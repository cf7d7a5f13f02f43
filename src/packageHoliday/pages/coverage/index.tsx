/**
 * 告家长书覆盖率 (coordinators): children with at least one guardian's
 * signature over children on the roll, by county, school and class in my
 * area. Numbers only: no child or family is named.
 */
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { useState } from 'react';
import Card from '../../../components/Card';
import EmptyState from '../../../components/EmptyState';
import Loading from '../../../components/Loading';
import RetryNotice from '../../../components/Notice/Retry';
import PageShell from '../../../components/PageShell';
import { dayText, shownPercent, type CoverageCell } from '../../service';
import { CoverageStore } from '../../staffStore';
import { sessionStore } from '../../../stores/session';
import TermsForm from './TermsForm';
import './index.scss';
import { useWatch } from '../../../stores/watch';

/** A withheld figure: not "<5", since a figure may be withheld only to protect another. */
const WITHHELD = '不显示';
const figure = (n: number | null) => (n === null ? WITHHELD : String(n));

function Row({ name, cell, level }: { name: string; cell: CoverageCell; level: number }) {
  const pct = shownPercent(cell);
  return (
    <View className={`cov-row cov-row--${level}`}>
      <Text className='cov-row__name'>{name}</Text>
      <View className='cov-track'><View className='cov-fill' style={{ width: `${pct ?? 0}%` }} /></View>
      <Text className='cov-row__detail'>{`${figure(cell.signed)} / ${figure(cell.eligible)}${pct === null ? '' : `（${pct}%）`}`}</Text>
    </View>
  );
}

function CoveragePage() {
  useWatch(sessionStore);
  const [store] = useState(() => new CoverageStore());
  useDidShow(() => {
    void store.load();
  });
  const { data, current } = store;
  let body;
  if (!current && store.loading) body = <Loading text='正在统计…' />;
  else if (!current) body = <RetryNotice message={store.error ?? '覆盖率没有加载出来。'} onRetry={() => void store.load()} />;
  else if (!data) {
    body = <EmptyState title='现在没有正在签署的告家长书' description={current.next ? `下一份：${current.next.name}，${dayText(current.next.opensOn)}开始签署。` : '告家长书开始签署后，这里会显示覆盖率。'} />;
  } else {
    body = (
      <View>
        <Card title={`${data.campaign.name}告家长书`} subtitle={data.area} tone='brand'>
          <Text className='cov-big'>{shownPercent(data.total) === null ? WITHHELD : `${shownPercent(data.total)}%`}</Text>
          <Text className='hh-text cov-muted'>{`${data.total.signed === null ? '已签人数不显示' : `已签 ${data.total.signed} 人`}，${data.total.eligible === null ? '总人数不显示' : `共 ${data.total.eligible} 人`}（有一位监护人签署就算已签）`}</Text>
          <Text className='hh-text cov-muted'>只有1到4个孩子的数字，以及能用别的数字推算出它们的数字，显示为“不显示”，看不出是哪一家。</Text>
        </Card>
        {data.counties.map((c) => (
          <Card key={c.id} title={c.name}>
            <Row name='合计' cell={c} level={0} />
            {c.schools.map((s) => (
              <View key={s.id}>
                <Row name={s.name} cell={s} level={1} />
                {s.classes.map((k) => <Row key={k.id} name={k.name} cell={k} level={2} />)}
              </View>
            ))}
          </Card>
        ))}
      </View>
    );
  }
  const area = sessionStore.roles.find((r) => r.role === 'coordinator')?.jurisdiction;
  return (
    <PageShell>
      {body}
      {area && current ? <TermsForm scope={area} scopeName={area === 'city' ? '全市' : data?.area ?? '本县（区）'} /> : null}
    </PageShell>
  );
}

export default observer(CoveragePage);
