/**
 * 学年升级 (school admin; a coordinator picks a school of their area): what this year's rollover does to the school, class by
 * class, before it happens; then 确认升级 applies it (from 1 July; otherwise the
 * scheduler does it on the day). Class names and counts only: no child is named.
 */
import { Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { useEffect, useMemo, useState } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import EmptyState from '../../../components/EmptyState';
import Loading from '../../../components/Loading';
import Notice from '../../../components/Notice';
import RetryNotice from '../../../components/Notice/Retry';
import PageShell from '../../../components/PageShell';
import { messageOf } from '../../../services/errors';
import { sessionStore } from '../../../stores/session';
import { useWatch } from '../../../stores/watch';
import { RolloverStore } from '../../store';
import { rolloverApi, type ClassChangeView } from '../../service';
import './index.scss';

function ClassRow({ c }: { c: ClassChangeView }) {
  return (
    <View className='ro-row'>
      <Text className='ro-row__from'>{c.className}</Text>
      {c.action === 'promote'
        ? <Text className='ro-row__to'>{`→ ${c.to!.name}`}</Text>
        : <Text className='ro-row__to ro-row__to--graduate'>→ 毕业（班级存档）</Text>}
      <Text className='ro-row__count'>{`${c.students} 人`}</Text>
    </View>
  );
}

const Preview = observer(function Preview({ store }: { store: RolloverStore }) {
  const p = store.preview;
  if (!p && store.loading) return <Loading text='正在准备升级预览…' />;
  if (!p) return <RetryNotice message={store.error ?? '升级预览没有加载出来。'} onRetry={() => void store.load()} />;
  if (p.applied) {
    return (
      <View>
        {store.result && !store.result.alreadyApplied
          ? <Notice type='info'>{`升级完成：${store.result.promoted} 个班升了一级，${store.result.graduated} 个班毕业，共 ${store.result.students} 名学生。`}</Notice>
          : null}
        {p.appliedAt === null
          // a school added after this year's date (or with nothing to move): nothing was moved, so say that
          ? <EmptyState title={`${p.year} 年这所学校不需要升级`} description='今年的升级日已经过了，这所学校的班级按现在的年级记录。明年升级前，这里会显示预览。' />
          : <EmptyState title={`${p.year} 年的升级已经完成`} description='各班已经升到新的年级，毕业班已存档，毕业生家长的绑定已经结束。明年升级前，这里会再显示预览。' />}
      </View>
    );
  }
  if (!p.classes.length) {
    return <EmptyState title='没有需要升级的班级' description='学校还没有开放中的班级。导入名单、建好班级以后，这里会显示升级预览。' />;
  }
  return (
    <View>
      <Card title={`${p.schoolName}：${p.date} 升级`} subtitle={`${p.promotedClasses} 个班升一级，${p.graduatingClasses} 个班毕业（${p.graduatingStudents} 名学生）`} tone='brand'>
        <Text className='hh-text'>升级那天，每个班自动升到下一个年级；最高年级的班毕业：班级和学生资料存档保留，毕业生家长的绑定结束。</Text>
      </Card>
      <Card title='各班变化'>
        {p.classes.map((c) => <ClassRow key={c.classId} c={c} />)}
      </Card>
      {store.error ? <Notice>{store.error}</Notice> : null}
      <View className='ro-actions'>
        {store.confirming ? (
          <View>
            <Notice>升级后不能撤回。确定现在就升级吗？（不操作的话，系统会在升级那天自动完成。）</Notice>
            <Button type='primary' loading={store.applying} onClick={() => void store.apply()}>确认升级</Button>
            <Button onClick={() => store.cancel()}>先不升级</Button>
          </View>
        ) : (
          <Button type='primary' onClick={() => store.ask()}>现在升级</Button>
        )}
      </View>
    </View>
  );
});

/** A coordinator first picks one of the schools of their area. */
/** The coordinator's schools, as records (school.list: a school the county added is there, the content catalog's is not). */
function SchoolPicker({ onPick }: { onPick: (id: string) => void }) {
  const [schools, setSchools] = useState<Array<{ id: string; name: string }> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => { setError(null); rolloverApi.schools().then((r) => setSchools(r.schools.filter((x) => x.status !== 'closed')), (e) => setError(messageOf(e))); };
  useEffect(load, []);
  if (error) return <RetryNotice message={error} onRetry={load} />;
  if (!schools) return <Loading text='正在读取学校名单…' />;
  if (!schools.length) return <EmptyState title='辖区里还没有学校' description='学校建好以后，可以在这里查看每所学校的升级预览。' />;
  return (
    <Card title='选择学校' subtitle='查看这所学校今年升级时各班的变化'>
      {schools.map((x) => (
        <View key={x.id} className='ro-school' onClick={() => onPick(x.id)}>
          <Text className='ro-school__name'>{x.name}</Text>
          <Text className='ro-school__go'>查看 ›</Text>
        </View>
      ))}
    </Card>
  );
}

function RolloverPage() {
  const { params } = useRouter();
  useWatch(sessionStore); // after a reload the roles arrive after the first render
  const roles = sessionStore.roles;
  const own = roles.find((r) => r.role === 'school_admin' && r.schoolId)?.schoolId ?? null;
  const area = roles.find((r) => r.role === 'coordinator' && r.jurisdiction)?.jurisdiction ?? null;
  const [picked, setSchoolId] = useState<string | null>(params.schoolId || null);
  const schoolId = picked ?? own;
  const store = useMemo(() => (schoolId ? new RolloverStore(schoolId) : null), [schoolId]);
  useDidShow(() => { void sessionStore.load(); });
  // on opening and whenever the school changes
  useEffect(() => {
    if (store) void store.load();
  }, [store]);
  let body;
  if (store) body = <Preview store={store} />;
  else if (area) body = <SchoolPicker onPick={setSchoolId} />;
  else if (!sessionStore.loaded) body = <Loading text='正在读取您的身份…' />;
  else body = <EmptyState title='只有学校管理员可以升级' description='请用学校管理员的邀请码绑定后再打开这一页；区县和市里的协调员也可以查看所辖学校的升级。' />;
  return (
    <PageShell className='ro-page'>
      {area && store && !own ? <Button onClick={() => setSchoolId(null)}>换一所学校</Button> : null}
      {body}
    </PageShell>
  );
}

export default observer(RolloverPage);
