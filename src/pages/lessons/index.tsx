/**
 * 课程: the ten safety topics of the action plan, the one in season first.
 * Lesson content is not written yet; the page says so rather than pretend.
 */
import { Text, View } from '@tarojs/components';
import Notice from '../../components/Notice';
import PageShell from '../../components/PageShell';
import { inSeason, topicsInOrder } from '../../domain/lessons';
import { go } from '../routes';
import './index.scss';

export default function LessonsPage() {
  const now = new Date();
  const topics = topicsInOrder(now);
  return (
    <PageShell>
      <Notice type='info'>课程内容正在准备中。现在可以先看每一课最要紧的一句话。</Notice>
      {topics.map((t, i) => (
        <View key={t.id} className='lessons__item' onClick={() => go.lesson(t.id)}>
          <View className='lessons__head'>
            <Text className='lessons__number'>{i + 1}</Text>
            <Text className='lessons__title'>{t.title}</Text>
            {inSeason(t, now) ? <Text className='lessons__badge'>当季重点</Text> : null}
          </View>
          <Text className='lessons__summary'>{t.summary}</Text>
        </View>
      ))}
    </PageShell>
  );
}
