/**
 * One target one level down: the city → counties, a county → schools, a
 * school → classes (reported targets: a county → its months). A table at a
 * desk, rows at 390 px; tap a row to go down. Coverage figures only, never a
 * person; "<5" where fewer than 5 children would be described.
 */
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import EmptyState from '../../../components/EmptyState';
import Loading from '../../../components/Loading';
import RetryNotice from '../../../components/Notice/Retry';
import PageShell from '../../../components/PageShell';
import { deskApi, shown, STATUS_TEXT, WITHHELD_NOTE, type DetailRow, type TargetStatus } from '../../service';
import { useDeskLoad } from '../../useDeskLoad';
import './index.scss';

const PAGE = '/packageDesk/pages/detail/index';
const dec = (v?: string) => (v ? decodeURIComponent(v) : undefined);

/** One figure of a row; on a phone its heading is written beside it (the table's head row shows only at ≥ 1024 px). */
function Cell({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <View className={`desk-table__cell${strong ? ' desk-table__cell--value' : ''}`}>
      <Text className='desk-table__label'>{label}</Text>
      <Text className='desk-table__num'>{value}</Text>
    </View>
  );
}

export default function DetailPage() {
  const { params } = useRouter();
  const q = { id: dec(params.id) ?? '', countyId: dec(params.countyId), schoolId: dec(params.schoolId), from: dec(params.from), to: dec(params.to), schoolYear: dec(params.schoolYear) };
  const { data, error, loading, reload } = useDeskLoad(() => deskApi.detail(q), [JSON.stringify(q)]);

  const down = (r: DetailRow) => {
    if (!data || !r.drill) return;
    const next: Record<string, string | undefined> = { id: q.id, from: q.from, to: q.to, schoolYear: q.schoolYear };
    if (data.level === 'city') next.countyId = r.id;
    else if (data.level === 'county' && data.parts.length) next.schoolId = r.id;
    else return;
    Taro.navigateTo({ url: `${PAGE}?${Object.entries(next).filter(([, v]) => v).map(([k, v]) => `${k}=${encodeURIComponent(v!)}`).join('&')}` });
  };

  let body;
  if (!data && loading) body = <Loading text='正在汇总…' />;
  else if (!data) body = <RetryNotice message={error ?? '没有加载出来。'} onRetry={reload} />;
  else if (!data.rows.length) body = <EmptyState title='这里还没有数字' description='学校导入学生名单、或部门填报月报以后，这里会显示。' />;
  else {
    const levelName = { city: '各县（区）', county: data.parts.length ? '各学校' : '各月', school: '各班级' }[data.level];
    const rows = data.total ? [data.total, ...data.rows] : data.rows;
    const pct = data.unit === '%';
    body = (
      <View>
        <View className='desk-detail__head'>
          <Text className='desk-detail__title'>{data.name}</Text>
          <Text className='desk-detail__sub'>{`${levelName}　${data.period}　${WITHHELD_NOTE}${data.level === 'school' ? '。还没有学生的班级不列出（在「名册」里导入学生后会出现）' : ''}`}</Text>
        </View>
        <View className='desk-table'>
          <View className='desk-table__row desk-table__row--head'>
            <Text className='desk-table__name'>名称</Text>
            {data.parts.length ? <Text className='desk-table__cell'>人数</Text> : null}
            {data.parts.map((p) => <Text key={p.key} className='desk-table__cell'>{p.name}</Text>)}
            <Text className='desk-table__cell desk-table__cell--value'>{pct ? '比例' : '数值'}</Text>
            {!data.parts.length && data.level === 'city' ? <Text className='desk-table__cell'>状态</Text> : null}
          </View>
          {rows.map((r, i) => (
            <View key={r.id} className={`desk-table__row ${i === 0 && data.total ? 'desk-table__row--total' : ''} ${r.drill && i > (data.total ? 0 : -1) && !(i === 0 && data.total) ? 'desk-table__row--tap' : ''}`}
              onClick={() => (i === 0 && data.total ? undefined : down(r))}>
              <Text className='desk-table__name'>{i === 0 && data.total ? `合计：${r.name}` : r.name}</Text>
              {data.parts.length ? <Cell label='人数' value={shown(r.total, '', true)} /> : null}
              {/* a column a row does not have (guardians per class) is "—", a withheld one 不显示 */}
              {data.parts.map((p) => <Cell key={p.key} label={p.name} value={shown(r[p.key] as number | null | undefined, '', r[p.key] !== undefined)} />)}
              <Cell value={shown(r.value, data.unit, r.suppressed)} label={pct ? '比例' : '数值'} strong />
              {!data.parts.length && data.level === 'city' ? <Text className='desk-table__cell'>{STATUS_TEXT[(r.status as TargetStatus) ?? 'no_data']}</Text> : null}
            </View>
          ))}
        </View>
      </View>
    );
  }
  return <PageShell className='desk-page'>{body}</PageShell>;
}
