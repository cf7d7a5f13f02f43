/**
 * 目标看板 (coordinators, lead-department handlers, school leaders for
 * their school): each of the plan's targets for my area this year — value,
 * target, last year, on track or not with the rule beside it, the trend over
 * the plan's years — then a tap into counties, schools and classes (a
 * school leader: the app's targets for the school, then its classes). Counts only; fewer than 5 children is "<5".
 * A desk at ≥ 1024 px (cards in columns), one column at 390 px.
 */
import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState, useRef } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import Loading from '../../../components/Loading';
import RetryNotice from '../../../components/Notice/Retry';
import PageShell from '../../../components/PageShell';
import { messageOf } from '../../../services/errors';
import { sessionStore } from '../../../stores/session';
import TrendChart from '../../chart/TrendChart';
import { saveXlsx } from '../../saveXlsx';
import { deskApi, monthOf, shown, STATUS_TEXT, WITHHELD, WITHHELD_NOTE, type PeriodQuery, type TargetFigure } from '../../service';
import { useDeskLoad } from '../../useDeskLoad';
import './index.scss';

const DETAIL = '/packageDesk/pages/detail/index';
const RETURN = '/packageDesk/pages/return/index';

function schoolYears(now: number): string[] {
  const m = monthOf(now);
  const last = Number(m.slice(0, 4)) - (Number(m.slice(5, 7)) >= 9 ? 0 : 1);
  const out: string[] = [];
  for (let y = last; y >= 2022; y--) out.push(`${y}-${y + 1}`);
  return out;
}

function TargetCard({ t, query, school }: { t: TargetFigure; query: PeriodQuery; school: boolean }) {
  const open = () => Taro.navigateTo({ url: `${DETAIL}?${Object.entries({ id: t.id, ...query }).filter(([, v]) => v).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&')}` });
  return (
    <View className={`desk-target desk-target--${t.status}`}>
      <View className='desk-target__head'>
        <Text className='desk-target__name'>{t.name}</Text>
        <Text className={`desk-badge desk-badge--${t.status}`}>{STATUS_TEXT[t.status]}</Text>
      </View>
      <View className='desk-target__numbers'>
        <View className='desk-num'><Text className='desk-num__label'>本期</Text><Text className='desk-num__value'>{shown(t.value, t.unit, t.suppressed)}</Text></View>
        <View className='desk-num'><Text className='desk-num__label'>目标</Text><Text className='desk-num__value'>{shown(t.target, t.unit)}</Text></View>
        <View className='desk-num'><Text className='desk-num__label'>去年同期</Text><Text className='desk-num__value'>{shown(t.lastYear, t.unit)}</Text></View>
      </View>
      <Text className='desk-target__rule'>{`规则：${t.rule}`}</Text>
      {t.counts.guardians !== undefined ? <Text className='desk-target__lead desk-target__guardians'>{`读过家长心理健康课的家长：${t.counts.guardians === null ? WITHHELD : `${t.counts.guardians} 人`}`}</Text> : null}
      <Text className='desk-target__lead'>{`牵头：${t.leadName}　依据：${t.planRef}`}</Text>
      {t.trend.length > 1 ? <TrendChart labels={t.trend.map((p) => p.label)} values={t.trend.map((p) => p.value)} target={t.unit === '%' ? t.target : null} unit={t.unit} /> : null}
      <Button onClick={open}>{school ? '看各班级' : t.level === 'class' ? '看各县区、学校、班级' : '看各县区、各月'}</Button>
    </View>
  );
}

export default function DeskPage() {
  const now = Date.now();
  const years = schoolYears(now);
  const [query, setQuery] = useState<PeriodQuery>({});
  const [exporting, setExporting] = useState<string | null>(null);
  const { data, error, loading, reload } = useDeskLoad(() => deskApi.overview(query), [JSON.stringify(query)]);
  const isHandler = sessionStore.roles.some((r) => r.role === 'handler');
  // the choices of the first answer (my whole area and its counties) are kept: a county's own answer lists only
  // that county, and the picker must still lead back (found walking the desk: it disappeared after a pick)
  const choicesRef = useRef<Array<{ id: string; name: string }>>([]);
  if (data && !query.countyId && !choicesRef.current.length) choicesRef.current = [...data.areas, ...data.counties.filter((c) => !data.areas.some((a) => a.id === c.id))];
  const areaChoices = choicesRef.current.length ? choicesRef.current : data ? [...data.areas, ...data.counties.filter((c) => !data.areas.some((a) => a.id === c.id))] : [];
  const home = areaChoices[0]?.id;

  const doExport = async () => {
    setExporting('正在生成表格…');
    try {
      const file = await deskApi.exportXlsx(query);
      const how = await saveXlsx(file.fileName, file.base64);
      setExporting(how === 'downloaded' ? `已下载：${file.fileName}` : '已打开表格，可以转发或保存。');
    } catch (e) {
      setExporting(`没有导出成功：${messageOf(e)}`);
    }
  };

  let body;
  if (!data && loading) body = <Loading text='正在汇总各项目标…' />;
  else if (!data) body = <RetryNotice message={error ?? '目标看板没有加载出来。'} onRetry={reload} />;
  else {
    body = (
      <View>
        <View className='desk-bar'>
          <View className='desk-bar__title'>
            <Text className='desk-bar__area'>{`${data.school?.name ?? data.area.name} 目标看板`}</Text>
            <Text className='desk-bar__period'>{`部门报送的数字：${data.period.from} 至 ${data.period.to}；学生覆盖按这段时间结束时的学年或学期算（见各项“规则”）。${WITHHELD_NOTE}`}</Text>
          </View>
          <View className='desk-bar__pickers'>
            {areaChoices.length > 1 ? (
              <Picker mode='selector' range={areaChoices.map((a) => a.name)} onChange={(e) => setQuery({ ...query, countyId: areaChoices[Number(e.detail.value)].id === home ? undefined : areaChoices[Number(e.detail.value)].id })}>
                <View className='desk-pick'>{`地区：${data.area.name}`}</View>
              </Picker>
            ) : null}
            <Picker mode='selector' range={years.map((y) => `${y}学年`)} onChange={(e) => setQuery({ countyId: query.countyId, schoolYear: years[Number(e.detail.value)] })}>
              <View className='desk-pick'>{query.schoolYear ? `学年：${query.schoolYear}` : '按学年看'}</View>
            </Picker>
            <Picker mode='date' fields='month' value={data.period.from} start='2022-01' end={monthOf(now)} onChange={(e) => setQuery({ countyId: query.countyId, from: String(e.detail.value).slice(0, 7), to: query.to ?? data.period.to })}>
              <View className='desk-pick'>{`从 ${data.period.from}`}</View>
            </Picker>
            <Picker mode='date' fields='month' value={data.period.to} start='2022-01' end={monthOf(now)} onChange={(e) => setQuery({ countyId: query.countyId, from: query.from ?? data.period.from, to: String(e.detail.value).slice(0, 7) })}>
              <View className='desk-pick'>{`到 ${data.period.to}`}</View>
            </Picker>
          </View>
          <View className='desk-bar__actions'>
            <Button type='primary' loading={exporting === '正在生成表格…'} onClick={() => void doExport()}>导出整个看板（Excel）</Button>
            {isHandler ? <Button onClick={() => Taro.navigateTo({ url: RETURN })}>填报月报</Button> : null}
          </View>
          {exporting && exporting !== '正在生成表格…' ? <Text className='desk-bar__note'>{exporting}</Text> : null}
          {error ? <Text className='desk-bar__note'>{error}</Text> : null}
        </View>
        {loading ? <Loading text='正在更新…' /> : null}
        <View className='desk-grid'>
          {data.targets.map((t) => <TargetCard key={t.id} t={t} query={query} school={!!data.school} />)}
        </View>
        <Card title='看不懂状态？'>
          <Text className='hh-text'>达标：已经做到方案定的目标。有风险：还差一点，或者按时间进度偏慢。未达标：离目标还远，或比去年多了。暂无数据：还没有部门填报或学校还没有学生名单。</Text>
        </Card>
      </View>
    );
  }
  return <PageShell className='desk-page'>{body}</PageShell>;
}
