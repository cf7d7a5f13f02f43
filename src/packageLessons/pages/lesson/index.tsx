/**
 * One lesson, opened as lesson?id=<lesson id> (or a topic id, from the home
 * card: the reader's own version of that topic). Intro, key points, what to
 * do, who to call (tap to call), then the quiz, explained answer by answer,
 * and completion. 大字 and 朗读 for reading to (or by) a grandparent; a
 * lesson opened once reads again without network.
 */
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import Button from '../../../components/Button';
import EmptyState from '../../../components/EmptyState';
import Loading from '../../../components/Loading';
import Notice from '../../../components/Notice';
import PageShell from '../../../components/PageShell';
import { dial } from '../../../components/EmergencyNumbers/hotlines';
import { BAND_NAMES } from '../../../domain/lessons';
import { sessionStore } from '../../../stores/session';
import Quiz from '../../components/Quiz';
import { rootFontPx } from '../../../services/display';
import type { LessonView } from '../../services/lessons';
import { canSpeak, speak, stop } from '../../../services/speech';
import { lessonStore, type Completion } from '../../stores/lesson';
import './index.scss';
import { useWatch } from '../../../stores/watch';

/** Everything on the page before the quiz, as one text to read aloud. */
export function lessonSpeech(l: LessonView): string {
  return [
    l.title,
    l.intro,
    '要记住：',
    ...l.keyPoints,
    '遇到时这样做：',
    ...l.whatToDo,
    '可以找谁：',
    ...l.whoToCall.map((w) => `${w.name}${w.number ? `，电话${w.number.split('').join(' ')}` : ''}：${w.when}`),
  ].join('\n');
}

function Done({ c, band }: { c: Completion; band: string }) {
  const score = `小测验答对 ${c.grade.rightCount} / ${c.grade.total} 题。`;
  let note: string;
  if (c.kind === 'recorded' && band === 'parent') note = c.firstTime ? '已经记下您读完了这一课，谢谢您。有空时，和孩子聊一聊今天读到的内容。' : '这一课之前已经记下您读过了。';
  else if (c.kind === 'recorded') note = c.firstTime ? '已经记下你学完了这一课。' : '这一课之前已经记下学完了，不会重复记录。';
  else if (c.kind === 'queued') note = '现在网络不好，学完的记录已经保存在手机上，连上网后会自动发送，不用再做一遍。';
  else if (band === 'parent') note = '谢谢您读完这一课。有空时，和孩子聊一聊今天读到的内容。';
  else if (sessionStore.hasRole('guardian')) note = '这是孩子学段的一课，可以陪孩子一起再读一遍、做一遍小测验。';
  else note = sessionStore.hasRole('student') ? '' : '用学生邀请码登录后，学完的课会记录下来。';
  return (
    <View className='lesson__done'>
      <Text className='lesson__done-title'>{band === 'parent' ? '您读完了这一课！' : '你学完了这一课！'}</Text>
      <Text className='lesson__done-text'>{score}</Text>
      {note ? <Text className='lesson__done-text'>{note}</Text> : null}
      <Button onClick={() => void Taro.switchTab({ url: '/pages/lessons/index' })}>回到课程</Button>
    </View>
  );
}

const LessonBody = observer(function LessonBody({ l }: { l: LessonView }) {
  useWatch(sessionStore);
  const s = lessonStore;
  const speakable = canSpeak();
  const toggleSpeech = () => {
    if (s.speaking) {
      stop();
      s.setSpeaking(false);
      return;
    }
    s.setSpeaking(true);
    speak(lessonSpeech(l), () => s.setSpeaking(false));
  };
  return (
    <View className={`lesson${s.large ? ' lesson--large' : ''}`} style={{ fontSize: `${rootFontPx(s.large)}px` }}>
      {s.offline ? (
        <Notice>现在没有网络，这是保存在手机上的一课，可以照常阅读和做题。</Notice>
      ) : null}
      <View className='lesson__head'>
        <Text className='lesson__topic'>{`${l.topicTitle} · ${BAND_NAMES[l.band]} · 约${l.minutes}分钟`}</Text>
        <Text className='lesson__title'>{l.title}</Text>
        {l.season ? <Text className='lesson__season'>{`当季重点：${l.season}`}</Text> : null}
      </View>
      <View className='lesson__tools'>
        <View className={`lesson__tool${s.large ? ' lesson__tool--on' : ''}`} onClick={() => s.toggleLarge()}>
          <Text>{s.large ? '大字：开' : '大字：关'}</Text>
        </View>
        {speakable ? (
          <View className={`lesson__tool${s.speaking ? ' lesson__tool--on' : ''}`} onClick={toggleSpeech}>
            <Text>{s.speaking ? '停止朗读' : '朗读这一课'}</Text>
          </View>
        ) : null}
      </View>
      <Text className='lesson__intro'>{l.intro}</Text>

      <Text className='lesson__h'>{l.band === 'parent' ? '要留意的' : '要记住'}</Text>
      {l.keyPoints.map((p, i) => (
        <View key={i} className='lesson__point'>
          <Text className='lesson__bullet'>●</Text>
          <Text className='lesson__point-text'>{p}</Text>
        </View>
      ))}

      <Text className='lesson__h'>{l.band === 'parent' ? '怎么和孩子说、怎么做' : '遇到时这样做'}</Text>
      {l.whatToDo.map((p, i) => (
        <View key={i} className='lesson__point'>
          <Text className='lesson__bullet lesson__bullet--n'>{`${i + 1}`}</Text>
          <Text className='lesson__point-text'>{p}</Text>
        </View>
      ))}

      <Text className='lesson__h'>可以找谁</Text>
      {l.whoToCall.map((w, i) => (
        <View key={i} className={`lesson__call${w.number ? ' lesson__call--phone' : ''}`} onClick={w.number ? () => dial(w.number!) : undefined}>
          <View className='lesson__call-head'>
            {w.number ? <Text className='lesson__call-number'>{w.number}</Text> : null}
            <Text className='lesson__call-name'>{w.name}</Text>
            {w.number ? <Text className='lesson__call-tap'>点一下拨打</Text> : null}
          </View>
          <Text className='lesson__call-when'>{w.when}</Text>
        </View>
      ))}

      <Text className='lesson__h'>{`小测验（${l.quiz.length}题）`}</Text>
      <Quiz questions={l.quiz} chosen={s.chosen} onChoose={(q, o) => s.choose(q, o)} />
      {s.completion ? (
        <Done c={s.completion} band={l.band} />
      ) : (
        <View>
          {s.completeError ? <Notice>{s.completeError}</Notice> : null}
          <Button type='primary' big loading={s.completing} disabled={!s.allAnswered} onClick={() => void s.complete()}>
            {s.allAnswered ? '我学完了' : '每道题都选一个答案后，就能完成'}
          </Button>
          {s.completing ? <Text className='lesson__hint'>正在记录，网络不好时会先保存在手机上…</Text> : null}
        </View>
      )}
    </View>
  );
});

function LessonPage() {
  useWatch(sessionStore);
  const { params } = useRouter();
  const id = params.id ?? '';

  useEffect(() => {
    void lessonStore.open(id);
  }, [id]);
  // One store serves every lesson page: a page shown again after another
  // lesson was open reopens its own (from the phone at once); back from a
  // phone call, the same lesson keeps the reader's answers.
  useDidShow(() => {
    void sessionStore.load();
    if (lessonStore.requested !== id) void lessonStore.open(id);
  });

  // leaving the page stops the reading
  useEffect(() => () => stop(), []);

  const { lesson, loading, error } = lessonStore;
  // The requested lesson's own topic, also when its text is not on the phone
  // (offline, the bar kept the previous lesson's title: walk 18 #13).
  const barTitle = lesson?.topicTitle || lessonStore.topicTitle || '安全课';
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: barTitle }).catch(() => undefined);
  }, [barTitle]);

  let content;
  if (lesson) content = <LessonBody l={lesson} />;
  else if (loading) content = <Loading text='正在打开这一课…' />;
  else {
    content = (
      <EmptyState title='这一课没有打开' description={error ?? '请回到「课程」页面，重新选一课。'}>
        <Button type='primary' onClick={() => void lessonStore.open(id)}>重新加载</Button>
        <Button onClick={() => void Taro.switchTab({ url: '/pages/lessons/index' })}>回到课程</Button>
      </EmptyState>
    );
  }
  return <PageShell>{content}</PageShell>;
}

export default observer(LessonPage);
