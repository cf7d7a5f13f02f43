/**
 * 假期安全告家长书 (guardians): for each linked child, the letter in large
 * text (大字 switch shared with the lessons, read aloud with the pledges
 * through the one speech service), the pledges to tick, and a signature:
 * handwritten on the pad, or "我不方便写字，确认签署" (asked once: 确认签署？).
 * A receipt afterwards, and whenever the page is opened again; each guardian
 * signs for themself, and the second one is told at the top who signed.
 *
 * Decision (issue 18, "the rule and the words agree"): every pledge is
 * required, and the page says so plainly; a guardian who cannot promise one
 * talks to the class teacher (the letter says how). A "这一条我有困难" mark
 * would need commitment.sign/progress to carry it and is not built.
 */
import { Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { useEffect, useRef, useState } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import Choice from '../../../components/Choice';
import EmptyState from '../../../components/EmptyState';
import Loading from '../../../components/Loading';
import Notice from '../../../components/Notice';
import RetryNotice from '../../../components/Notice/Retry';
import PageShell from '../../../components/PageShell';
import { datesUnbroken } from '../../../components/timeText';
import SignaturePad, { type SignaturePadHandle } from '../../../components/SignaturePad';
import type { Letter, LetterPledge } from '../../../domain/letter';
import { largeText, setLargeText } from '../../../services/display';
import { canSpeak, speak, stop } from '../../../services/speech';
import { askForHolidayReminders, canAskForReminders, needsWeChatPrompt } from '../../reminders';
import { dayText, timeText } from '../../service';
import { LetterStore } from '../../store';
import './index.scss';

const METHOD = { signature: '手写签名', confirm: '确认签署' } as const;

/** What 读给我听 reads: the whole letter, then every pledge, numbered. */
export const letterText = (l: Letter, pledges: readonly LetterPledge[]) =>
  [
    l.title, l.greeting, l.dates, ...l.intro, ...l.sections.flatMap((s) => [s.title, ...s.lines]), ...l.closing, l.sender,
    pledges.length ? `下面是要您做到的${pledges.length}件事。` : '',
    ...pledges.map((p, i) => `第${i + 1}条，${p.text}`),
  ].filter(Boolean).join('\n');

function ReadAloud({ text }: { text: string }) {
  const [reading, setReading] = useState(false);
  useEffect(() => () => stop(), []);
  if (!canSpeak()) return <Text className='hh-text hol-muted hol-read-none'>这台手机上的微信不能朗读（没有“微信同声传译”）。可以请家里人读给您听。</Text>;
  return (
    <Button
      className='hol-read'
      onClick={() => {
        if (reading) {
          stop();
          setReading(false);
        } else {
          setReading(true);
          speak(text, () => setReading(false));
        }
      }}
    >
      {reading ? '■ 停止朗读' : '🔊 读给我听（连承诺一起读）'}
    </Button>
  );
}

/** The 大字 switch (kept on this phone, shared with the lessons; WeChat's large font turns it on by itself). */
function LargeSwitch({ large, onChange }: { large: boolean; onChange: (on: boolean) => void }) {
  return (
    <Button className='hol-large' onClick={() => { setLargeText(!large); onChange(!large); }}>
      {large ? '字小一点' : '大字'}
    </Button>
  );
}

function LetterCard({ letter, pledges }: { letter: Letter; pledges: readonly LetterPledge[] }) {
  return (
    <Card title={letter.title} tone='brand' className='hol-letter'>
      <ReadAloud text={letterText(letter, pledges)} />
      <Text className='hol-letter__line hol-letter__strong'>{letter.greeting}</Text>
      <Text className='hol-letter__line hol-letter__dates'>{datesUnbroken(letter.dates)}</Text>
      {letter.intro.map((p) => <Text key={p} className='hol-letter__line'>{p}</Text>)}
      {letter.sections.map((s) => (
        <View key={s.topic} className='hol-letter__section'>
          <Text className='hol-letter__heading'>{s.title}</Text>
          {s.lines.map((line) => <Text key={line} className='hol-letter__line'>{datesUnbroken(line)}</Text>)}
        </View>
      ))}
      {letter.closing.map((p) => <Text key={p} className='hol-letter__line hol-letter__strong'>{p}</Text>)}
      <Text className='hol-letter__line hol-letter__sender'>{letter.sender}</Text>
    </Card>
  );
}

const Receipt = observer(function Receipt({ store }: { store: LetterStore }) {
  const child = store.child!;
  const r = store.receipt;
  const mine = child.signedByMe!;
  // the pledges as signed (kept with the signature: the child's letter changes with a birthday)
  const signed = mine.pledgeTexts?.length
    ? mine.pledgeTexts.map((text, i) => ({ id: mine.pledgeIds[i] ?? String(i), text }))
    : mine.pledgeIds.length ? store.pledges.filter((p) => mine.pledgeIds.includes(p.id)) : store.pledges;
  return (
    <Card title='✔ 已签署 · 回执' subtitle={`${child.name}的${store.data!.campaign!.name}告家长书`} tone='brand' className='hol-receipt'>
      <Text className='hh-text'>
        {(r?.guardianLabel ?? mine.label) ? `${r?.guardianLabel ?? mine.label}，` : ''}您已于 <Text className='hh-nowrap'>{timeText(mine.at)}</Text> 以“{METHOD[mine.method]}”的方式签署。谢谢您！
      </Text>
      <Text className='hh-text hol-receipt__head'>{`您承诺做到这${signed.length}件事：`}</Text>
      {signed.map((p, i) => <Text key={p.id} className='hh-text hol-receipt__pledge'>{`${i + 1}. ${p.text}`}</Text>)}
      <Text className='hh-text'>{mine.method === 'signature' ? '您的签名（已经保存，班主任能看到）：' : '签名：您选择了“我不方便写字，确认签署”。'}</Text>
      {mine.method === 'signature' && mine.signatureUrl ? <Image className='hol-receipt__signature' src={mine.signatureUrl} mode='widthFix' /> : null}
      <Text className='hh-text hol-muted'>班主任和孩子的其他监护人都能看到您已经签署；别的家长看不到。</Text>
    </Card>
  );
});

/** At the top: who else signed, and whether this guardian's signature is still wanted (it is: each signs for themself). */
const Others = ({ others, signedByMe }: { others: Array<{ label: string; method: 'signature' | 'confirm'; at: number }>; signedByMe: boolean }) =>
  others.length ? (
    <Notice type='info'>
      {`${others.map((o) => `${o.label}已于${timeText(o.at)}签署（${METHOD[o.method]}）`).join('；')}。${
        signedByMe ? '您也已经签署了。' : '您的签名也需要：每位监护人各签一份，表示您也看过、也能做到。'}`}
    </Notice>
  ) : null;

const SignForm = observer(function SignForm({ store }: { store: LetterStore }) {
  const pad = useRef<SignaturePadHandle>(null);
  const [drawn, setDrawn] = useState(false);
  const pledges = store.pledges;
  return (
    <View>
      <Card title='我能做到' subtitle={`下面${pledges.length}条都要做到，才能签署。请逐条看一看，每条点一下打上勾。哪一条做不到，请先和班主任说一说。`}>
        {pledges.map((p) => (
          <Choice key={p.id} className='hol-pledge' title={p.text} selected={store.ticked.has(p.id)} onClick={() => store.toggle(p.id)} />
        ))}
        {store.allTicked ? null : (
          <Button className='hol-tick-all' onClick={() => store.tickAll()}>全部都能做到，一起勾上</Button>
        )}
      </Card>
      <Card title='签名' subtitle='请用手指在框里写下您的名字。'>
        <SignaturePad ref={pad} height={360} onChange={(c) => setDrawn(!c.empty)} />
        {store.signError ? <Notice>{store.signError}</Notice> : null}
        <Button
          type='primary'
          big
          className='hol-submit'
          loading={store.signing}
          disabled={!drawn || store.signing}
          onClick={() => {
            void pad.current?.exportPng()
              .then((png) => store.sign('signature', png))
              .catch((e: Error) => store.failSign(e.message || '保存签名失败，请再试一次。'));
          }}
        >
          签名并提交
        </Button>
        <Button
          className='hol-confirm'
          disabled={store.signing}
          onClick={() => {
            // Pledges left unticked: say so at once, no question first.
            if (!store.allTicked) return void store.sign('confirm');
            void Taro.showModal({ title: '确认签署？', content: '确认后，就和手写签名一样算您签署了。', confirmText: '确认签署', cancelText: '再看看' })
              .then((r) => (r.confirm ? store.sign('confirm') : undefined));
          }}
        >
          我不方便写字，确认签署
        </Button>
      </Card>
    </View>
  );
});

const Reminders = observer(function Reminders({ store }: { store: LetterStore }) {
  if (!canAskForReminders) return null;
  if (store.remindersOn) return <Notice type='info'>已开启假期提醒：放假前、假期中每周、开学前一天会提醒您。</Notice>;
  return (
    <Card title='假期提醒' subtitle='放假前、假期中每周、开学前一天，提醒您看一看孩子的安全。'>
      <Button
        className='hol-remind'
        onClick={() => {
          void askForHolidayReminders().then((yes) => {
            if (yes || !needsWeChatPrompt) return store.setReminders(true);
            return store.setReminders(false);
          });
        }}
      >
        接收假期提醒
      </Button>
    </Card>
  );
});

function LetterPage() {
  const [store] = useState(() => new LetterStore());
  const [large, setLarge] = useState(largeText);
  useDidShow(() => {
    void store.load();
  });
  const { data } = store;
  let body;
  if (!data && store.loading) body = <Loading text='正在打开告家长书…' />;
  else if (!data) body = <RetryNotice message={store.error ?? '告家长书没有打开。'} onRetry={() => void store.load()} />;
  else if (data.children.length === 0) {
    body = <EmptyState title='还没有绑定孩子' description='请向班主任索取家长邀请码，在「我的」页面输入后，就能看到孩子的告家长书。' />;
  } else if (!data.campaign || !data.letter) {
    body = (
      <EmptyState
        title='现在没有需要签署的告家长书'
        description={data.next ? `下一份是${data.next.name}的告家长书，${dayText(data.next.opensOn)}开始签署，到时会在首页提醒您。` : '放假前，学校的告家长书会在这里通知您。'}
      />
    );
  } else {
    const child = store.child!;
    body = (
      <View>
        {data.children.length > 1 ? (
          <Card title='为哪个孩子签署'>
            {data.children.map((c) => (
              <Choice key={c.id} chip title={c.name + (c.signedByMe ? ' ✔' : '')} selected={c.id === child.id} onClick={() => store.chooseChild(c.id)} />
            ))}
          </Card>
        ) : null}
        <View className='hol-top'>
          <Text className='hol-for'>{`${child.name}的家长，您好`}</Text>
          <LargeSwitch large={large} onChange={setLarge} />
        </View>
        <Others others={child.otherGuardians} signedByMe={!!child.signedByMe} />
        {child.signedByMe ? <Receipt store={store} /> : null}
        <LetterCard letter={data.letter} pledges={store.pledges} />
        {child.signedByMe ? null : <SignForm store={store} />}
        <Reminders store={store} />
      </View>
    );
  }
  return <PageShell className={large ? 'hol-page hol-page--large' : 'hol-page'}>{body}</PageShell>;
}

export default observer(LetterPage);
