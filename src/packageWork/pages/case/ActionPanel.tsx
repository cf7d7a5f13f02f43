/**
 * The actions the server lists as allowed for me on this case, and nothing
 * else: 受理, 回复举报人, 内部备注, 转办, 办结, 重新办理. Each sends one write,
 * shows its progress, and the page reloads the case afterwards.
 */
import { Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { useEffect, useState } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import Choice from '../../../components/Choice';
import Notice from '../../../components/Notice';
import type { CaseAction } from '../../../domain/case';
import type { Catalog } from '../../../domain/catalog';
import { DISPOSITIONS, type Disposition } from '../../../domain/report';
import type { Progress } from '../../../services/api';
import type { CaseFullView } from '../../../services/cases';
import type { ReportVocabulary } from '../../../services/report';
import { sessionStore } from '../../../stores/session';
import { CaseStore, caseTextProblem } from '../../../stores/workbench';

const LABELS: Record<CaseAction, string> = {
  acknowledge: '受理',
  reply: '回复举报人',
  note: '内部备注',
  transfer: '转办',
  resolve: '办结',
  reopen: '重新办理',
};

/** Stable class names for the buttons that open each action (end-to-end tests click these). */
const CLASS: Record<CaseAction, string> = {
  acknowledge: 'hh-case-ack',
  reply: 'hh-case-reply',
  note: 'hh-case-note',
  transfer: 'hh-case-transfer',
  resolve: 'hh-case-resolve',
  reopen: 'hh-case-reopen',
};

const DISPOSITION_FALLBACK: Record<Disposition, string> = {
  substantiated: '情况属实，已处理',
  unfounded: '经核查没有发现问题',
  false_or_prank: '经核查是不实或恶作剧举报',
  referred: '已转交其他部门处理',
};

function TextBox({ value, onInput, placeholder, className, focus }: { value: string; onInput: (v: string) => void; placeholder: string; className: string; focus?: boolean }) {
  return (
    <Textarea
      className={`case-textarea ${className}`}
      value={value}
      maxlength={-1}
      autoHeight
      focus={focus}
      placeholder={placeholder}
      onInput={(e) => onInput(e.detail.value)}
    />
  );
}

/**
 * An action form opens below the row of buttons, often off screen: bring it
 * into view as it opens (on a phone, tapping 回复举报人 must visibly do something).
 */
function useScrolledIntoView(selector: string) {
  useEffect(() => {
    Taro.pageScrollTo({ selector, duration: 200 }).catch(() => undefined);
  }, [selector]);
}

/**
 * The end of an action form: what is wrong with it, if anything, how the
 * sending goes and why it failed, right above the button that sends it (the
 * top of the card is a screen away by then).
 */
const SendBar = observer(function SendBar({ store, action, problem, label, onSend }: { store: CaseStore; action: CaseAction; problem: string | null; label: string; onSend: () => void }) {
  return (
    <View>
      {problem ? <Notice>{problem}</Notice> : null}
      {store.failed === action && store.actionError ? <Notice>{store.actionError}</Notice> : null}
      {store.busy === action ? <Text className='case-progress'>{sendingText(store.progress)}</Text> : null}
      <Button type='primary' className={`hh-case-${action}-send`} loading={store.busy === action} onClick={onSend}>
        {label}
      </Button>
    </View>
  );
});

/** "正在发送…" / "正在重新发送（第2次）…" / "网络不太好，2秒后自动再试…" */
function sendingText(p: Progress | null): string {
  if (p?.state === 'waiting') return `网络不太好，${Math.ceil((p.retryInMs ?? 0) / 1000)}秒后自动再试…`;
  if (p && p.attempt > 1) return `正在重新发送（第${p.attempt}次）…`;
  return '正在发送…';
}

interface PanelProps {
  store: CaseStore;
  view: CaseFullView;
  catalog: Catalog | null;
  vocabulary: ReportVocabulary | undefined;
}

/** The text typed into one action's form, kept by the panel while another action is open. */
interface Draft {
  text: string;
  setText: (text: string) => void;
}

/**
 * The police, informed of a case where someone was hurt, threatened with a weapon or robbed, take it over: their
 * own department becomes the one lead unit (domain/case.ts mayTakeOver); the units that led it stay informed.
 */
function TakeOverForm({ store, view, catalog, close, reason, setReason }: Pick<PanelProps, 'store' | 'view'> & { catalog: Catalog; close: () => void; reason: string; setReason: (s: string) => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  const mine = sessionStore.roles.find((r) => r.role === 'handler' && r.deptId && view.informed.some((u) => u.key === r.deptId))?.deptId;
  const name = catalog.departments.find((d) => d.id === mine)?.name ?? '本单位';
  const send = async () => {
    const p = mine ? caseTextProblem('transfer', reason) : '没有找到您所在的单位，请刷新后再试。';
    setProblem(p);
    if (p || !mine) return;
    if (await store.run('transfer', { id: view.id, toDeptId: mine, reason: reason.trim() }, `已由${name}牵头办理`)) {
      setReason('');
      close();
    }
  };
  return (
    <View className='case-form hh-case-transfer-form'>
      <Text className='hh-text'>{`这个案件有人受伤、涉及器械或抢钱，由${name}牵头办理：您可以受理、回复举报人和办结，原来牵头的单位改为协办，仍能看到进展。`}</Text>
      <Text className='case-form__label'>为什么由本单位牵头？</Text>
      <TextBox className='hh-case-transfer-reason' value={reason} onInput={setReason} placeholder='比如：涉及持刀伤人，需要公安立即处置' />
      <SendBar store={store} action='transfer' problem={problem} label='确认由本单位牵头' onSend={() => void send()} />
    </View>
  );
}

/** Departments a case can be handed to, by area: never a 平安办 (they supervise) or a unit already leading. */
function TransferForm({ store, view, catalog, close, draft }: PanelProps & { close: () => void; draft: Draft }) {
  const [area, setArea] = useState(view.jurisdiction);
  const [deptId, setDeptId] = useState<string | null>(null);
  const { text: reason, setText: setReason } = draft;
  const [problem, setProblem] = useState<string | null>(null);
  useScrolledIntoView('.hh-case-transfer-form');
  if (!catalog) return <Notice>部门名单还没有加载，请稍后再试。</Notice>;
  if (view.myRole === 'informed') return <TakeOverForm store={store} view={view} catalog={catalog} close={close} reason={reason} setReason={setReason} />;
  const leads = new Set(view.lead.map((u) => u.key));
  const areas = [{ id: 'city', name: `${catalog.cityName}（市级）` }, ...catalog.counties.map((c) => ({ id: c.id, name: c.shortName ?? c.name }))];
  const depts = catalog.departments.filter((d) => d.jurisdiction === area && d.kind !== 'peace_office' && !leads.has(d.id));
  const send = async () => {
    const p = !deptId ? '请选择要转给哪个部门。' : caseTextProblem('transfer', reason);
    setProblem(p);
    if (p || !deptId) return;
    const name = catalog.departments.find((d) => d.id === deptId)?.name ?? '';
    if (await store.run('transfer', { id: view.id, toDeptId: deptId, reason: reason.trim() }, `已转交给${name}`)) {
      setReason('');
      close();
    }
  };
  return (
    <View className='case-form hh-case-transfer-form'>
      <Text className='case-form__label'>转给哪里的部门？</Text>
      <View className='case-chips'>
        {areas.map((a) => (
          <Choice key={a.id} chip className='hh-case-transfer-area' title={a.name} selected={area === a.id} onClick={() => { setArea(a.id); setDeptId(null); }} />
        ))}
      </View>
      {depts.map((d) => (
        <Choice key={d.id} className={`hh-case-transfer-dept hh-case-transfer-dept--${d.id}`} title={d.name} selected={deptId === d.id} onClick={() => setDeptId(d.id)} />
      ))}
      <Text className='case-form__label'>转办原因（至少2个字）</Text>
      <TextBox className='hh-case-transfer-reason' value={reason} onInput={setReason} placeholder='比如：不属于本部门职责，应由……处理' />
      <SendBar store={store} action='transfer' problem={problem} label='确认转办' onSend={() => void send()} />
    </View>
  );
}

function ResolveForm({ store, view, vocabulary, close, draft }: PanelProps & { close: () => void; draft: Draft }) {
  const [disposition, setDisposition] = useState<Disposition | null>(null);
  const { text: summary, setText: setSummary } = draft;
  const [problem, setProblem] = useState<string | null>(null);
  const names = vocabulary?.dispositions ?? DISPOSITION_FALLBACK;
  const send = async () => {
    const p = !disposition ? '请选择处理结果。' : caseTextProblem('resolve', summary);
    setProblem(p);
    if (p || !disposition) return;
    if (await store.run('resolve', { id: view.id, disposition, summary: summary.trim() }, '已办结')) {
      setSummary('');
      close();
    }
  };
  useScrolledIntoView('.hh-case-resolve-form');
  return (
    <View className='case-form hh-case-resolve-form'>
      <Text className='case-form__label'>处理结果（举报人会看到这一句）</Text>
      {DISPOSITIONS.map((d) => (
        <Choice key={d} className={`hh-case-disposition hh-case-disposition--${d}`} title={names[d]} selected={disposition === d} onClick={() => setDisposition(d)} />
      ))}
      <Text className='case-form__label'>处理情况（只有工作人员能看到，至少5个字）</Text>
      <TextBox className='hh-case-resolve-summary' value={summary} onInput={setSummary} placeholder='写清楚核查了什么、怎么处理的' />
      <SendBar store={store} action='resolve' problem={problem} label='确认办结' onSend={() => void send()} />
    </View>
  );
}

/** reply, note, reopen: one text and a send button. */
function TextForm({ store, view, action, close, draft }: PanelProps & { action: 'reply' | 'note' | 'reopen'; close: () => void; draft: Draft }) {
  const { text, setText } = draft;
  const [problem, setProblem] = useState<string | null>(null);
  const copy = {
    reply: { label: '举报人会看到这段话，但看不到是谁写的。', placeholder: '比如：我们已经收到，正在核实。请问……', button: '发送给举报人', done: '已回复举报人' },
    note: { label: '内部备注只有工作人员能看到，举报人看不到。', placeholder: '记录核查进展、联系情况等', button: '保存备注', done: '备注已保存' },
    reopen: { label: '重新办理的原因（至少2个字）', placeholder: '比如：举报人补充了新情况', button: '确认重新办理', done: '已重新办理' },
  }[action];
  const send = async () => {
    const p = caseTextProblem(action, text);
    setProblem(p);
    if (p) return;
    const input = action === 'reopen' ? { id: view.id, reason: text.trim() } : { id: view.id, text: text.trim() };
    const ok = await store.run(action, input as never, copy.done);
    if (ok) {
      setText('');
      close();
    }
  };
  useScrolledIntoView(`.hh-case-${action}-form`);
  return (
    <View className={`case-form hh-case-${action}-form`}>
      <Text className='case-form__label'>{copy.label}</Text>
      <TextBox className={`hh-case-${action}-text`} value={text} onInput={setText} placeholder={copy.placeholder} focus />
      <SendBar store={store} action={action} problem={problem} label={copy.button} onSend={() => void send()} />
    </View>
  );
}

export default observer(function ActionPanel(props: PanelProps) {
  const { store, view } = props;
  const [open, setOpen] = useState<CaseAction | null>(null);
  // What was typed into each form survives opening another one (or closing it by mistake).
  const [drafts, setDrafts] = useState<Partial<Record<CaseAction, string>>>({});
  const draftOf = (action: CaseAction): Draft => ({
    text: drafts[action] ?? '',
    setText: (text) => setDrafts((d) => ({ ...d, [action]: text })),
  });
  const allowed = view.allowedActions;
  if (allowed.length === 0) {
    return (
      <Card title='操作'>
        <Text className='hh-text hh-text--secondary'>
          {view.myRole === 'informed' ? '您的单位是协办单位，可以查看进展；受理、回复和办结由牵头单位负责。' : '现在没有需要您做的操作。'}
        </Text>
      </Card>
    );
  }
  const close = () => setOpen(null);
  const others = allowed.filter((a) => a !== 'acknowledge');
  // After a reload the action on screen may no longer be allowed (a resolved case cannot be replied to).
  const current = open && (others as readonly CaseAction[]).includes(open) ? open : null;
  return (
    <Card title='操作' className='case-actions'>
      {store.done ? <Notice type='info'>{store.done}</Notice> : null}
      {/* 受理 has no form: its sending and failure show here. Every other action shows them by its own button. */}
      {store.failed === 'acknowledge' && store.actionError ? <Notice>{store.actionError}</Notice> : null}
      {store.busy === 'acknowledge' ? <Text className='case-progress'>{sendingText(store.progress)}</Text> : null}
      {allowed.includes('acknowledge') ? (
        <View>
          <Text className='hh-text'>受理表示您的单位接手了这个案件，举报人会看到“已经有工作人员接手”。</Text>
          <Button
            type='primary'
            big
            className={CLASS.acknowledge}
            loading={store.busy === 'acknowledge'}
            onClick={() => void store.run('acknowledge', { id: view.id }, '已受理，请尽快核实处理')}
          >
            {LABELS.acknowledge}
          </Button>
        </View>
      ) : null}
      <View className='case-chips'>
        {others.map((a) => (
          <Button key={a} className={CLASS[a]} type={current === a ? 'primary' : 'secondary'} onClick={() => setOpen(current === a ? null : a)}>
            {a === 'transfer' && view.myRole === 'informed' ? '由本单位牵头' : LABELS[a]}
          </Button>
        ))}
      </View>
      {current === 'reply' || current === 'note' || current === 'reopen' ? (
        <TextForm key={current} {...props} action={current} close={close} draft={draftOf(current)} />
      ) : null}
      {current === 'transfer' ? <TransferForm {...props} close={close} draft={draftOf('transfer')} /> : null}
      {current === 'resolve' ? <ResolveForm {...props} close={close} draft={draftOf('resolve')} /> : null}
    </Card>
  );
});
