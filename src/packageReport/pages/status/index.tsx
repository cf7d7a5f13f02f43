/**
 * 查询举报进度: code + secret (typed, or a report remembered on this phone)
 * → status, what happened so far, and the dialogue with the handler, where
 * the reporter can answer or add information. Pull down or 刷新 to reload.
 */
import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { useEffect, useState } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import EmergencyNumbersCompact from '../../../components/EmergencyNumbers/Compact';
import Loading from '../../../components/Loading';
import Notice from '../../../components/Notice';
import PageShell from '../../../components/PageShell';
import { Dialogue, Timeline } from '../../../components/ReportThread';
import { timeText } from '../../../components/timeText';
import { REPORT_LIMITS, type ReportStatusView } from '../../../services/report';
import { rememberedReports } from '../../../stores/reportRemembered';
import { ReportStatusStore, reportLookup } from '../../../stores/reportStatus';
import './index.scss';

interface CodeInputProps {
  label: string;
  className: string;
  value: string;
  placeholder: string;
  onInput: (value: string) => void;
  onConfirm?: () => void;
}

/** A tracking code or secret, typed in large monospace. */
function CodeInput({ label, className, value, placeholder, onInput, onConfirm }: CodeInputProps) {
  return (
    <View>
      <Text className='status-label'>{label}</Text>
      <Input
        className={`status-input ${className}`}
        value={value}
        maxlength={20}
        placeholder={placeholder}
        onInput={(e) => onInput(e.detail.value)}
        onConfirm={onConfirm}
      />
    </View>
  );
}

const LookupForm = observer(function LookupForm({ store }: { store: ReportStatusStore }) {
  const { list } = rememberedReports;
  return (
    <View>
      {list.length > 0 ? (
        <Card title='这台手机上记住的举报'>
          {list.map((r) => (
            <View key={r.trackingCode} className='status-remembered'>
              <Text className='status-remembered__code'>{r.trackingCode}</Text>
              <View className='status-remembered__actions'>
                <Button type='primary' className='hh-report-remembered-open' onClick={() => void store.lookup(r.trackingCode, r.secret)}>
                  查看
                </Button>
                <Button className='hh-report-forget' onClick={() => rememberedReports.forget(r.trackingCode)}>
                  忘记
                </Button>
              </View>
            </View>
          ))}
        </Card>
      ) : null}
      <Card title='输入查询码和密码' subtitle='提交举报时拿到的，字母不分大小写，横线可以不输。'>
        <CodeInput label='查询码（10位）' className='hh-report-status-code' value={store.codeInput} placeholder='比如 K7QH-M3XP-9R' onInput={(v) => store.setCode(v)} />
        <CodeInput
          label='查询密码（8位）'
          className='hh-report-status-secret'
          value={store.secretInput}
          placeholder='比如 ABCD-EFGH'
          onInput={(v) => store.setSecret(v)}
          onConfirm={() => void store.lookup()}
        />
        {store.error ? <Notice>{store.error}</Notice> : null}
        {store.error && store.wrongTries > 1 ? (
          <Text className='status-tries'>已经连续输错{store.wrongTries}次了。请对照抄下来的，一个字一个字地核对。</Text>
        ) : null}
        {store.loading ? <Loading text='正在查询，请稍候…' /> : null}
        <Button type='primary' big className='hh-report-status-query' loading={store.loading} onClick={() => void store.lookup()}>
          查询
        </Button>
      </Card>
    </View>
  );
});

/** The dialogue, from the reporter's side, with a box to answer or add something. */
const Conversation = observer(function Conversation({ store, view }: { store: ReportStatusStore; view: ReportStatusView }) {
  const n = store.message.trim().length;
  return (
    <Dialogue
      title='和处理人员对话'
      subtitle='处理人员看不到你是谁。他们的回复会显示在这里，请过几天再来看看。'
      messages={view.messages}
      empty='还没有消息。有新的情况，可以在下面补充。'
      mine='reporter'
      who={(m) => (m.from === 'handler' ? '处理人员' : '我')}
      bubbleClass='status-bubble'
    >
      <Textarea
        className='status-textarea hh-report-message'
        value={store.message}
        maxlength={-1}
        autoHeight
        placeholder='回答处理人员的问题，或者补充新的情况'
        onInput={(e) => store.setMessage(e.detail.value)}
      />
      <Text className={`status-counter ${n > REPORT_LIMITS.messageMax ? 'status-counter--warn' : ''}`}>
        {n}/{REPORT_LIMITS.messageMax}字
      </Text>
      {store.sendError ? <Notice>{store.sendError}</Notice> : null}
      <Button type='primary' className='hh-report-message-send' loading={store.sending} onClick={() => void store.send()}>
        发送
      </Button>
    </Dialogue>
  );
});

const Report = observer(function Report({ store, view }: { store: ReportStatusStore; view: ReportStatusView }) {
  return (
    <View>
      <Card title={view.categoryName} subtitle={`查询码 ${view.trackingCode}`} tone='brand' className='hh-report-status'>
        <Text className={`status-badge status-badge--${view.status}`}>{view.statusName}</Text>
        {view.dispositionName ? <Text className='hh-text status-result'>处理结果：{view.dispositionName}</Text> : null}
        <Text className='hh-text hh-text--secondary'>提交时间：{timeText(view.createdAt)}</Text>
        {store.error ? <Notice>{store.error}</Notice> : null}
        <Button className='hh-report-refresh' loading={store.loading} onClick={() => void store.refresh()}>
          刷新
        </Button>
      </Card>
      <Conversation store={store} view={view} />
      <Timeline title='处理经过' events={view.timeline} />
      <Button className='hh-report-status-close' onClick={() => store.close()}>
        查询另一份举报
      </Button>
    </View>
  );
});

function ReportStatusPage() {
  const [store] = useState(() => new ReportStatusStore());

  useEffect(() => {
    rememberedReports.load();
    // Opened from the done page: look it up straight away (the secret came through memory, not the URL).
    const pending = reportLookup.pending;
    reportLookup.pending = null;
    if (pending) void store.lookup(pending.trackingCode, pending.secret);
  }, [store]);

  usePullDownRefresh(() => {
    void store.refresh().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <PageShell>
      {store.view ? <Report store={store} view={store.view} /> : <LookupForm store={store} />}
      <EmergencyNumbersCompact />
    </PageShell>
  );
}

export default observer(ReportStatusPage);
