/**
 * 心理测评 (student): kind intro, one item a screen with progress, back and
 * next, the draft kept on the phone and the server, 提交 once, then 问卷已提交
 * with kind words and 回到首页, or at once who to talk to now. "Not yet"
 * while a guardian's consent is missing. Never a score, a band or a label.
 */
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { useEffect, useState } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import Choice from '../../../components/Choice';
import EmptyState from '../../../components/EmptyState';
import Loading from '../../../components/Loading';
import Notice from '../../../components/Notice';
import RetryNotice from '../../../components/Notice/Retry';
import PageShell from '../../../components/PageShell';
import { go } from '../../../pages/routes';
import { ScreeningAnswerStore } from '../../../stores/screeningAnswer';
import TalkNow from '../../components/TalkNow';
import '../../components/screening.scss';

const Question = observer(function Question({ s }: { s: ScreeningAnswerStore }) {
  const step = s.step!;
  const chosen = s.valueOf(step);
  const last = s.index === s.steps.length - 1;
  return (
    <View>
      <View className='scr-progress'><View className='scr-progress__fill' style={{ width: `${Math.min(100, (s.answered / s.maxSteps) * 100)}%` }} /></View>
      {/* A total a child can count on: exact when no answer can add a question; otherwise 约 and every item that may
          be asked (the bar's maxSteps), so it is never passed and never moves. A total that grew after a yes to an ASQ
          question would tell the child that yes costs another question, which invites a no (walk 16 N5). */}
      <Text className='scr-progress-text'>{`第 ${step.number} 题 / ${s.knownTotal ? `共 ${s.knownTotal}` : `共约 ${s.maxSteps}`} 题 · ${step.instrument.title}`}</Text>
      {s.gentle ? <Notice type='info'>谢谢你告诉我们。答完以后心理老师会来找你；想现在就聊，可以打 12356。</Notice> : null}
      <Text className='scr-muted'>{step.instrument.stem}</Text>
      <Text className='scr-question'>{step.item.text}</Text>
      {step.item.options.map((o) => (
        <Choice key={o.value} title={o.label} selected={chosen === o.value} onClick={() => s.choose(o.value)} />
      ))}
      <View className='scr-nav'>
        <Button onClick={() => s.back()}>上一题</Button>
        {!last ? <Button disabled={chosen === undefined} onClick={() => s.next()}>下一题</Button> : null}
      </View>
      {last && s.complete ? (
        <View>
          {s.submitError ? <Notice>{s.submitError}</Notice> : null}
          <Button type='primary' big loading={s.submitting} onClick={() => void s.submit()}>答完了，提交</Button>
        </View>
      ) : null}
    </View>
  );
});

function AnswerPage() {
  const [s] = useState(() => new ScreeningAnswerStore());
  useEffect(() => { void s.load(); }, [s]);
  const c = s.current;
  let body;
  switch (s.screen) {
    case 'loading': body = <Loading />; break;
    case 'error': body = <RetryNotice message={s.error ?? ''} onRetry={() => void s.load()} />; break;
    case 'none': body = <EmptyState title='现在没有要做的问卷' description='学校安排心理测评时，会在首页告诉你。' />; break;
    case 'not_yet':
      body = (
        <Card title='还要再等一等' tone='brand'>
          <Text className='hh-text'>这次心理测评需要爸爸妈妈（或其他监护人）先同意。请告诉家长在护航小程序里点「同意」，或者把学校发的同意书签好交给老师。</Text>
          <Text className='hh-text scr-line'>家长同意以后，你再打开这里就可以开始了。</Text>
        </Card>
      );
      body = <View>{body}<TalkNow submitted={false} lasting /></View>;
      break;
    case 'declined':
      body = (
        <View>
          <EmptyState title='这次不用填写' description='你的家长这次没有同意参加，所以不用填写这次问卷。有烦恼的时候，随时可以找人聊聊。' />
          <TalkNow submitted={false} lasting />
        </View>
      );
      break;
    case 'intro':
      body = (
        <Card title='说说你最近怎么样' tone='brand'>
          <Text className='hh-text'>{`接下来有 ${s.plannedSteps} 个${s.knownTotal ? '' : '左右的'}小问题，问的是你最近两个星期的心情、睡觉和烦恼。大约需要10分钟。`}</Text>
          <Text className='hh-text scr-line'>没有对错，也不是考试。按你真实的感觉选就好。</Text>
          <Text className='hh-text scr-line'>你的回答只有学校的心理老师能看到，同学和班主任都看不到。</Text>
          <Text className='hh-text scr-line'>可以随时离开，下次打开会从你停下的地方继续。</Text>
          {c?.nudged ? <Notice type='info'>班主任悄悄提醒你：有空的时候记得完成哦。</Notice> : null}
          <Button type='primary' big onClick={() => s.start()}>开始</Button>
        </Card>
      );
      break;
    case 'question': body = s.step ? <Question s={s} /> : <Loading />; break;
    case 'talk_now':
      body = (
        <View>
          <Text className='scr-question'>谢谢你告诉我们。</Text>
          <TalkNow submitted={false} />
          <Button type='primary' onClick={() => s.continueAfterTalk()}>我知道了，继续答题</Button>
        </View>
      );
      break;
    case 'crisis':
      body = (
        <View>
          <Text className='scr-question'>{s.feedback}</Text>
          <TalkNow submitted />
        </View>
      );
      break;
    default:
      body = (
        <Card title='问卷已提交' tone='brand'>
          {s.feedback ? <Text className='hh-text'>{s.feedback}</Text> : null}
          <Button type='primary' big className='scr-done-home' onClick={() => void go.tab('home')}>回到首页</Button>
        </Card>
      );
  }
  return <PageShell>{body}</PageShell>;
}

export default observer(AnswerPage);
