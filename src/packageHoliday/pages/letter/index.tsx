/**
 * 假期安全告家长书 (guardians): for each linked child, the letter in large
 * text (read aloud where the platform can), the pledges to tick, and a
 * signature: handwritten on the pad, or "我不方便写字，确认签署". A receipt
 * afterwards; each guardian signs for themself. Reminders are opt-in by tap.
 */
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { useRef, useState } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import Choice from '../../../components/Choice';
import EmptyState from '../../../components/EmptyState';
import Loading from '../../../components/Loading';
import Notice from '../../../components/Notice';
import RetryNotice from '../../../components/Notice/Retry';
import PageShell from '../../../components/PageShell';
import SignaturePad, { type SignaturePadHandle } from '../../../components/SignaturePad';
import type { Letter } from '../../../domain/letter';
import { canReadAloud, readAloud, stopReading } from '../../readAloud';
import { askForHolidayReminders, canAskForReminders, needsWeChatPrompt } from '../../reminders';
import { dayText, timeText } from '../../service';
import { LetterStore } from '../../store';
import './index.scss';

const METHOD = { signature: '手写签名', confirm: '确认签署' } as const;

const letterText = (l: Letter) =>
  [l.title, l.greeting, l.dates, ...l.intro, ...l.sections.flatMap((s) => [s.title, ...s.lines]), ...l.closing, l.sender].join('\n');

function ReadAloud({ letter }: { letter: Letter }) {
  const [reading, setReading] = useState(false);
  if (!canReadAloud()) return null;
  return (
    <Button
      className='hol-read'
      onClick={() => {
        if (reading) {
          stopReading();
          setReading(false);
        } else {
          setReading(true);
          readAloud(letterText(letter), () => setReading(false));
        }
      }}
    >
      {reading ? '停止朗读' : '🔊 读给我听'}
    </Button>
  );
}

function LetterCard({ letter }: { letter: Letter }) {
  return (
    <Card title={letter.title} tone='brand' className='hol-letter'>
      <ReadAloud letter={letter} />
      <Text className='hol-letter__line hol-letter__strong'>{letter.greeting}</Text>
      <Text className='hol-letter__line hol-letter__dates'>{letter.dates}</Text>
      {letter.intro.map((p) => <Text key={p} className='hol-letter__line'>{p}</Text>)}
      {letter.sections.map((s) => (
        <View key={s.topic} className='hol-letter__section'>
          <Text className='hol-letter__heading'>{s.title}</Text>
          {s.lines.map((line) => <Text key={line} className='hol-letter__line'>{line}</Text>)}
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
  return (
    <Card title='✔ 已签署' subtitle={`${child.name}的${store.data!.campaign!.name}告家长书`} tone='brand' className='hol-receipt'>
      <Text className='hh-text'>
        {r ? `${r.guardianLabel}，` : ''}您已于 {timeText(mine.at)} 以“{METHOD[mine.method]}”的方式签署{r ? `，共${r.pledgeCount}条承诺` : ''}。谢谢您！
      </Text>
      <Text className='hh-text hol-muted'>这份回执只有您和班主任能看到。</Text>
    </Card>
  );
});

const Others = ({ others }: { others: Array<{ label: string; method: 'signature' | 'confirm'; at: number }> }) =>
  others.length ? (
    <Notice type='info'>{`孩子的其他监护人已签署：${others.map((o) => `${o.label}（${METHOD[o.method]}，${timeText(o.at)}）`).join('；')}。每位监护人都可以为自己签一份。`}</Notice>
  ) : null;

const SignForm = observer(function SignForm({ store }: { store: LetterStore }) {
  const pad = useRef<SignaturePadHandle>(null);
  const [drawn, setDrawn] = useState(false);
  const pledges = store.data!.pledges;
  return (
    <View>
      <Card title='我能做到' subtitle='请逐条看一看，能做到的就点一下打上勾。'>
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
        <Button className='hol-confirm' disabled={store.signing} onClick={() => void store.sign('confirm')}>
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
        <Text className='hol-for'>{`${child.name}的家长，您好`}</Text>
        {child.signedByMe ? <Receipt store={store} /> : null}
        <LetterCard letter={data.letter} />
        <Others others={child.otherGuardians} />
        {child.signedByMe ? null : <SignForm store={store} />}
        <Reminders store={store} />
      </View>
    );
  }
  return <PageShell className='hol-page'>{body}</PageShell>;
}

export default observer(LetterPage);
