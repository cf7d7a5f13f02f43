/**
 * 举报详情 (case?id=…): everything a unit working the case needs — what was
 * reported, where, photos, who leads and who is informed, the dialogue with
 * the reporter, internal notes, the timeline — and only the actions the
 * server allows me now. The filer of a 强制报告 sees the reporter's view.
 */
import { Image, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { useEffect, useState } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import Loading from '../../../components/Loading';
import Notice from '../../../components/Notice';
import RetryNotice from '../../../components/Notice/Retry';
import PageShell from '../../../components/PageShell';
import { reportWordsOf } from '../../../components/ReportForm/vocabulary';
import { occurredText } from '../../../domain/occurred';
import { Dialogue, Timeline } from '../../../components/ReportThread';
import type { CaseFullView, CaseReporterView } from '../../../services/cases';
import { catalogStore } from '../../../stores/catalog';
import { CaseStore } from '../../../stores/workbench';
import { Due, PriorityBadge, Tag } from '../../components/CaseBits';
import { fullTimeText } from '../../components/format';
import ActionPanel from './ActionPanel';
import './index.scss';
import { useWatch } from '../../../stores/watch';

export const FLAGGED_NOTE = '内容安全检测提示可能含敏感词，请人工核实，不影响受理。';

function Field({ label, value }: { label: string; value: string | null | undefined }) {
  if (!value) return null;
  return (
    <View className='case-field'>
      <Text className='case-field__label'>{label}</Text>
      <Text className='case-field__value'>{value}</Text>
    </View>
  );
}

/**
 * The dialogue as the case page shows it: the units' words on the right, the reporter's on the left. How a
 * conversation starts is said only while the case waits to be taken on: after 受理, 回复举报人 is right above.
 */
function Messages({ messages, informed, status }: { messages: CaseFullView['messages']; informed?: boolean; status: CaseFullView['status'] }) {
  let empty = '还没有对话。';
  if (status === 'new') empty += informed ? '牵头单位受理后，会用“回复举报人”向举报人了解情况。' : '受理后可以用“回复举报人”向举报人了解情况。';
  return (
    <Dialogue
      title='与举报人的对话'
      subtitle='举报人看不到是谁回复的。'
      messages={messages}
      empty={empty}
      mine='handler'
      who={(m) => (m.from === 'reporter' ? '举报人' : m.actor ?? '工作人员')}
      bubbleClass='case-bubble'
    />
  );
}

const FullCase = observer(function FullCase({ store, view }: { store: CaseStore; view: CaseFullView }) {
  useWatch(catalogStore);
  const words = reportWordsOf(catalogStore.catalog);
  const urls = view.photos.map((p) => p.url);
  const reporter = view.reporter;
  return (
    <View>
      <Card title={view.categoryName} subtitle={`${view.channelName} · 案件号 ${view.caseNumber}`} tone={view.overdue ? 'danger' : 'brand'} className='hh-case'>
        <View className='case-tags'>
          <PriorityBadge priority={view.priority} name={view.priorityName} />
          <Tag>{view.statusName}</Tag>
          {view.overdue ? <Tag tone='danger'>已超时</Tag> : null}
          {view.escalationLevel > 0 ? <Tag tone='warn'>{view.escalationName}</Tag> : null}
          {view.myRole === 'informed' ? <Tag>协办</Tag> : view.myRole === 'coordinator' ? <Tag>督办</Tag> : null}
        </View>
        <Due item={view} />
        {view.dispositionName ? <Text className='hh-text'>处理结果：{view.dispositionName}</Text> : null}
      </Card>

      {view.textCheck === 'flagged' ? <Notice>{FLAGGED_NOTE}</Notice> : null}

      {reporter ? (
        <Card title='报告人（实名）' tone='brand' className='case-reporter'>
          <Field label='姓名' value={reporter.displayName} />
          <Field label='身份' value={reporter.roleName} />
          <Field label='学校' value={reporter.schoolName} />
          <Field label='单位' value={reporter.deptName} />
        </Card>
      ) : null}

      <Card title='举报内容'>
        <Text className='case-description'>{view.description}</Text>
        <Field label='地点' value={[view.jurisdictionName, view.school?.name, view.place].filter(Boolean).join(' · ')} />
        {/* As precisely as the reporter said it: "这几天" is not a time of day. */}
        <Field label='发生时间' value={occurredText(view.occurredAt, view.occurredPrecision, view.createdAt)} />
        <Field label='补充情况' value={view.flags.map((f) => f.name).join('、')} />
        <Field label='水域类型' value={view.waterTypeName} />
        <Field label='举报人身份' value={view.relationName} />
        <Field label='提交时间' value={fullTimeText(view.createdAt)} />
        {view.summary ? <Field label='办结情况（内部）' value={view.summary} /> : null}
      </Card>

      {urls.length > 0 ? (
        <Card title={`照片（${urls.length}张）`} subtitle='点照片可以放大。照片链接几分钟后失效，需要时请刷新。'>
          <View className='case-photos'>
            {urls.map((url) => (
              <Image key={url} className='case-photo hh-case-photo' src={url} mode='aspectFill' onClick={() => void Taro.previewImage({ urls, current: url }).catch(() => undefined)} />
            ))}
          </View>
        </Card>
      ) : null}

      <Card title='负责单位'>
        <Field label='牵头' value={view.lead.map((u) => u.name).join('、')} />
        <Field label='协办、知悉' value={view.informed.map((u) => u.name).join('、') || '无'} />
      </Card>

      <ActionPanel store={store} view={view} catalog={catalogStore.catalog} vocabulary={words?.vocabulary} />
      <Messages messages={view.messages} informed={view.myRole === 'informed'} status={view.status} />
      <Timeline title='内部备注' events={view.notes} empty='还没有备注。' />
      <Timeline title='处理经过' events={view.timeline} empty='还没有记录。' />
    </View>
  );
});

function ReporterCase({ view }: { view: CaseReporterView }) {
  return (
    <View>
      <Card title={view.categoryName} subtitle={`我提交的强制报告 · 案件号 ${view.caseNumber}`} tone='brand' className='hh-case'>
        <View className='case-tags'>
          <PriorityBadge priority={view.priority} name={view.priorityName} />
          <Tag>{view.statusName}</Tag>
        </View>
        {view.dispositionName ? <Text className='hh-text'>处理结果：{view.dispositionName}</Text> : null}
        <Text className='hh-text hh-text--secondary'>您是报告人，可以看到处理进展；办理由负责单位进行。</Text>
      </Card>
      <Messages messages={view.messages} status={view.status} />
      <Timeline title='处理经过' events={view.timeline} empty='还没有记录。' />
    </View>
  );
}

function WorkCasePage() {
  useWatch(catalogStore);
  const { params } = useRouter();
  const [store] = useState(() => new CaseStore());

  useEffect(() => {
    void catalogStore.load();
    void store.load(params.id ?? null);
  }, [store, params.id]);

  usePullDownRefresh(() => {
    void store.load().finally(() => Taro.stopPullDownRefresh());
  });

  const { view } = store;
  let body;
  if (!view && store.loading) body = <Loading text='正在打开案件…' />;
  else if (!view) {
    body = (
      <RetryNotice message={store.error ?? '没有打开案件。'} onRetry={store.id ? () => void store.load() : undefined}>
        <Button onClick={() => void Taro.navigateBack().catch(() => undefined)}>回到工作台</Button>
      </RetryNotice>
    );
  } else {
    body = (
      <View>
        {store.error ? <Notice>{store.error}</Notice> : null}
        {view.view === 'full' ? <FullCase store={store} view={view} /> : <ReporterCase view={view} />}
        <Button className='hh-case-refresh' loading={store.loading} onClick={() => void store.load()}>
          刷新
        </Button>
      </View>
    );
  }
  return <PageShell>{body}</PageShell>;
}

export default observer(WorkCasePage);
