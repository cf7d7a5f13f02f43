/**
 * 课程: the lessons of my band, what the season makes urgent first, each
 * marked when done (by me, or with my class). A guardian sees the parents'
 * versions and their child's. Titles only: the lesson itself opens in the
 * lessons subpackage, which fetches its text from the cloud.
 */
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import Button from '../../components/Button';
import Card from '../../components/Card';
import Loading from '../../components/Loading';
import Notice from '../../components/Notice';
import PageShell from '../../components/PageShell';
import type { Band } from '../../content/lessons/types';
import { BAND_NAMES, BANDS } from '../../domain/lessonSeason';
import { LARGE_TEXT_KEY, lessonList, readStored, type LessonListItem } from '../../stores/lessonList';
import { sessionStore } from '../../stores/session';
import { useWatch } from '../../stores/watch';
import { go } from '../routes';
import './index.scss';
import { flushIfWaiting } from '../../stores/lessonQueue';

function Row({ item, n }: { item: LessonListItem; n: number }) {
  const done = lessonList.doneOf(item);
  return (
    <View className={`lessons__item${done ? ' lessons__item--done' : ''}`} onClick={() => go.lesson(item.id)}>
      <View className='lessons__head'>
        <Text className='lessons__number'>{done ? '✔' : n}</Text>
        <Text className='lessons__title'>{item.topicTitle}</Text>
        {item.season ? <Text className='lessons__badge'>当季重点</Text> : null}
      </View>
      <Text className='lessons__summary'>{item.title}</Text>
      <Text className='lessons__meta'>
        {`约${item.minutes}分钟`}
        {done === 'class' ? ' · 已在课堂上一起学过' : done === 'child' ? ' · 孩子已学完' : done ? ' · 已学完' : ''}
      </Text>
    </View>
  );
}

function Section({ title, items }: { title?: string; items: LessonListItem[] }) {
  if (!items.length) return null;
  return (
    <View>
      {title ? <Text className='lessons__section'>{title}</Text> : null}
      {items.map((item, i) => <Row key={item.id} item={item} n={i + 1} />)}
    </View>
  );
}

function LessonsPage() {
  useWatch(sessionStore);
  useWatch(lessonList);
  useDidShow(() => {
    void sessionStore.load();
    // a completion kept on this phone while offline goes out, then the list shows the server's count
    void flushIfWaiting().finally(() => lessonList.load());
  });
  const { items, bands, loading, error, stale, picked } = lessonList;
  const large = readStored<string>(LARGE_TEXT_KEY, '') === 'on';
  const teacher = sessionStore.hasRole('class_teacher');
  const studentBands = bands.filter((b) => b !== 'parent');
  // A guardian: the child's progress and the parents' lessons, counted apart.
  const guardianView = bands.includes('parent') && studentBands.length > 0;
  const parentItems = items.filter((i) => i.band === 'parent');
  const childItems = items.filter((i) => i.band !== 'parent');

  let body;
  if (loading && !items.length) body = <Loading text='正在加载课程…' />;
  else if (error && !items.length) {
    body = (
      <View>
        <Notice>{`课程没有加载出来。${error}`}</Notice>
        <Button type='primary' onClick={() => void lessonList.load()}>重新加载</Button>
      </View>
    );
  } else if (!items.length) {
    body = <Notice type='info'>这个学段的课程还在准备中，可以换一个学段看看。</Notice>;
  } else {
    body = (
      <View>
        {stale ? <Notice>网络连接不上，这是上次保存的课程列表。打开过的课没有网也能看。</Notice> : null}
        <Text className='lessons__progress'>
          {guardianView
            ? `孩子已学完 ${childItems.filter((i) => lessonList.doneOf(i)).length} / ${childItems.length} 课 · 您读过给家长的课 ${parentItems.filter((i) => lessonList.doneOf(i)).length} / ${parentItems.length} 课`
            : `${bands.map((b) => BAND_NAMES[b]).join('、')} · 已学完 ${lessonList.doneCount} / ${items.length} 课`}
        </Text>
        {bands.includes('parent') && studentBands.length ? (
          <View>
            <Section title='给家长的课' items={items.filter((i) => i.band === 'parent')} />
            <Section title={`孩子的课（${studentBands.map((b) => BAND_NAMES[b]).join('、')}）`} items={items.filter((i) => i.band !== 'parent')} />
          </View>
        ) : (
          <Section items={items} />
        )}
      </View>
    );
  }

  return (
    <PageShell className={large ? 'lessons--large' : ''}>
      {teacher ? (
        <Card title='班级学习情况' subtitle='每课有多少同学学过；课堂上一起学的，一次记下全班。'>
          <Button type='primary' onClick={() => go.lessonClass()}>查看本班</Button>
        </Card>
      ) : null}
      {/* The first chip is what lesson.list gives without a band: a student's grade, a guardian's child's and the
          parents' lessons, a class teacher's class. 适合我的, not 我的: that is the tab below (walk of 2026-12-07, item 18). */}
      <View className='lessons__bands'>
        {[null, ...BANDS].map((b: Band | null) => (
          <Text key={b ?? 'mine'} className={`lessons__band${picked === b ? ' lessons__band--on' : ''}`} onClick={() => void lessonList.load(b)}>
            {b ? BAND_NAMES[b] : '适合我的'}
          </Text>
        ))}
      </View>
      {body}
    </PageShell>
  );
}

export default LessonsPage;
