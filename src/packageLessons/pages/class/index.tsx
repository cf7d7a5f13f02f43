/**
 * 班级学习情况, for a class teacher: for each lesson of the class's band, how
 * many students have learned it, and "我们在课堂上一起学过了", which counts
 * the lesson for every student of the class (so families are not chased to
 * click through it at home). Counts only: no names, no ranking.
 */
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { useState } from 'react';
import Button from '../../../components/Button';
import Choice from '../../../components/Choice';
import EmptyState from '../../../components/EmptyState';
import Loading from '../../../components/Loading';
import RetryNotice from '../../../components/Notice/Retry';
import PageShell from '../../../components/PageShell';
import { timeText } from '../../../components/timeText';
import { BAND_NAMES } from '../../../domain/lessons';
import { messageOf } from '../../../services/errors';
import { sessionStore } from '../../../stores/session';
import { chinaDay } from '../../../domain/chinaTime';
import { getClassProgress, getClassRoster, recordClassSession, undoClassSession, type ClassProgress } from '../../services/lessons';
import './index.scss';
import { useWatch } from '../../../stores/watch';

type Item = ClassProgress['items'][number];

function LessonRow({ item, total, classId, onRecorded }: { item: Item; total: number; classId: string; onRecorded: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Who was away that day (picked from the class's names): the lesson does not count for them.
  const [roster, setRoster] = useState<Array<{ id: string; name: string }> | null>(null);
  const [absent, setAbsent] = useState<string[]>([]);
  const openRoster = () => {
    setError(null);
    getClassRoster(classId).then((r) => setRoster(r.students), (e) => setError(messageOf(e)));
  };
  const toggleAbsent = (id: string) => setAbsent((a) => (a.includes(id) ? a.filter((x) => x !== id) : [...a, id]));
  const undo = async () => {
    const sure = await Taro.showModal({ title: '撤销记录', content: `撤销「${item.title}」的课堂学习记录？`, confirmText: '撤销', cancelText: '不撤销' })
      .catch(() => ({ confirm: false }));
    if (!sure.confirm) return;
    setBusy(true);
    setError(null);
    try {
      await undoClassSession(item.id, classId);
      onRecorded();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const record = async () => {
    const present = total - absent.length;
    const sure = await Taro.showModal({
      title: '记录课堂学习',
      content: absent.length
        ? `确认本班已经在课堂上一起学过「${item.title}」？记录后 ${present} 名同学算学过；没来的 ${absent.length} 名同学不算，他们可以自己在手机上学。`
        : `确认本班已经在课堂上一起学过「${item.title}」？记录后全班 ${total} 名同学都算学过，不用再在家里点。`,
      confirmText: '确认记录',
      cancelText: '再想想',
    }).catch(() => ({ confirm: false }));
    if (!sure.confirm) return;
    setBusy(true);
    setError(null);
    try {
      await (absent.length ? recordClassSession(item.id, classId, absent) : recordClassSession(item.id, classId));
      setRoster(null);
      setAbsent([]);
      onRecorded();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const pct = total ? Math.round((item.completed / total) * 100) : 0;
  return (
    <View className='klass__item'>
      <View className='klass__head'>
        <Text className='klass__topic'>{item.topicTitle}</Text>
        {item.season ? <Text className='klass__badge'>当季重点</Text> : null}
      </View>
      <Text className='klass__title'>{item.title}</Text>
      <View className='klass__bar'>
        <View className='klass__bar-fill' style={{ width: `${pct}%` }} />
      </View>
      <Text className='klass__count'>{`${item.completed} / ${total} 名同学学过`}</Text>
      {item.classSessionAt ? (
        <View>
          <Text className='klass__together'>{`✔ ${timeText(item.classSessionAt)} 在课堂上一起学过了${item.absentCount ? `（${item.absentCount} 名同学没来，不算）` : ''}`}</Text>
          {chinaDay(item.classSessionAt) === chinaDay(Date.now()) ? (
            <Button className='klass__undo' loading={busy} onClick={() => void undo()}>记错了，撤销（只能当天）</Button>
          ) : null}
        </View>
      ) : (
        <View>
          {roster ? (
            <View className='klass__absent'>
              <Text className='klass__count'>今天没来的同学，点一下名字（他们不算学过）：</Text>
              <View className='klass__classes'>
                {roster.map((s) => <Choice key={s.id} chip title={s.name} selected={absent.includes(s.id)} onClick={() => toggleAbsent(s.id)} />)}
              </View>
            </View>
          ) : (
            <Text className='klass__link' onClick={openRoster}>有同学没来？先选出来</Text>
          )}
          <Button loading={busy} onClick={() => void record()}>我们在课堂上一起学过了</Button>
        </View>
      )}
      {error ? <Text className='klass__error'>{error}</Text> : null}
    </View>
  );
}

function ClassPage() {
  useWatch(sessionStore);
  const classes = sessionStore.roles.filter((b) => b.role === 'class_teacher' && b.classId).map((b) => b.classId!);
  const [picked, setPicked] = useState<string | null>(null);
  const classId = picked ?? classes[0] ?? null;
  const [data, setData] = useState<ClassProgress | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = async (id: string | null = classId) => {
    if (!id) return;
    setLoading(true);
    setError(null);
    try {
      setData(await getClassProgress(id));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setLoading(false);
    }
  };

  useDidShow(() => {
    void sessionStore.load().then(() => {
      const first = sessionStore.roles.find((b) => b.role === 'class_teacher' && b.classId)?.classId;
      void load(picked ?? first ?? null);
    });
  });

  let content;
  if (!sessionStore.loaded && sessionStore.loading) content = <Loading />;
  else if (!classId) {
    content = (
      <EmptyState title='这里是班主任看本班学习情况的地方' description='您还没有绑定班主任身份。如果您是班主任，请在「我的」页面输入学校给的邀请码。' />
    );
  } else if (error && !data) content = <RetryNotice message={error} onRetry={() => void load()} />;
  else if (!data) content = <Loading text='正在加载本班学习情况…' />;
  else {
    content = (
      <View>
        <Text className='klass__summary'>
          {`${data.className ?? '本班'} · ${BAND_NAMES[data.band]}版课程 · 全班 ${data.studentCount} 名同学`}
        </Text>
        <Text className='klass__note'>这里只显示每一课有多少同学学过，不显示是谁，也不排名。</Text>
        {data.items.length === 0 ? (
          <EmptyState title='这个学段的课程还在准备中' description='课程上线后，会在这里显示本班的学习情况。' />
        ) : (
          data.items.map((item) => (
            <LessonRow key={item.id} item={item} total={data.studentCount} classId={data.classId} onRecorded={() => void load(data.classId)} />
          ))
        )}
        {loading ? <Loading text='正在更新…' /> : null}
      </View>
    );
  }

  return (
    <PageShell>
      {classes.length > 1 ? (
        <View className='klass__classes'>
          {classes.map((c) => (
            <Choice key={c} chip title={c} selected={c === classId} onClick={() => { setPicked(c); setData(null); void load(c); }} />
          ))}
        </View>
      ) : null}
      {content}
    </PageShell>
  );
}

export default observer(ClassPage);
