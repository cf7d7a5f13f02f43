/**
 * One lesson, opened as lesson?id=<topic id>. The lesson text is written in
 * a later issue; until then the page shows the topic's key sentence and says
 * plainly that the full lesson is coming.
 */
import { Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import EmptyState from '../../../components/EmptyState';
import Notice from '../../../components/Notice';
import PageShell from '../../../components/PageShell';
import { findTopic } from '../../../content/lessons/topics';
import { inSeason } from '../../../domain/lessons';

export default function LessonPage() {
  const { params } = useRouter();
  const topic = findTopic(params.id);

  useEffect(() => {
    if (topic) void Taro.setNavigationBarTitle({ title: topic.title }).catch(() => undefined);
  }, [topic]);

  if (!topic) {
    return (
      <PageShell>
        <EmptyState title='没有找到这一课' description='这一课可能还没有上线。请回到「课程」页面，重新选一课。'>
          <Button onClick={() => void Taro.switchTab({ url: '/pages/lessons/index' })}>回到课程</Button>
        </EmptyState>
      </PageShell>
    );
  }
  const season = topic.season && inSeason(topic, new Date()) ? topic.season.reason : undefined;
  return (
    <PageShell>
      <Card title={topic.title} subtitle={season} tone='brand'>
        <Text className='hh-text'>{topic.summary}</Text>
      </Card>
      <Notice type='info'>课程内容正在准备中。完整的图文课和小测验上线后，会在这里学习。</Notice>
    </PageShell>
  );
}
