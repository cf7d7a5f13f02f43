/**
 * 工作台: the cases routed to my unit (and, for coordinators, those overdue
 * or escalated in my area), most urgent first as the server sorts them.
 * Filters by state and 只看超时; coordinators reach the statistics, staff
 * the named 强制报告 form.
 */
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { useState } from 'react';
import Button from '../../../components/Button';
import Choice from '../../../components/Choice';
import EmptyState from '../../../components/EmptyState';
import Loading from '../../../components/Loading';
import Notice from '../../../components/Notice';
import RetryNotice from '../../../components/Notice/Retry';
import PageShell from '../../../components/PageShell';
import { reportWordsOf } from '../../../components/ReportForm/vocabulary';
import { timeText } from '../../../components/timeText';
import { roleAllows } from '../../../domain/policy';
import { go } from '../../../pages/routes';
import { askForCaseAlerts, canAskForAlerts } from '../../../services/caseAlerts';
import type { CaseListItem } from '../../../services/cases';
import { catalogStore } from '../../../stores/catalog';
import { sessionStore } from '../../../stores/session';
import { InboxStore, type InboxFilter } from '../../../stores/workbench';
import { Due, PriorityBadge, Tag } from '../../components/CaseBits';
import './index.scss';
import { useWatch } from '../../../stores/watch';

const FILTERS: { value: InboxFilter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'new', label: '待受理' },
  { value: 'acknowledged', label: '处理中' },
  { value: 'resolved', label: '已办结' },
];

const ESCALATED = ['', '已升级：县（区）平安办督办', '已升级：市平安办督办'];

const EMPTY: Record<InboxFilter, string> = {
  all: '现在没有交给您处理的举报。有新的举报时，这里会第一时间显示，请记得常来看看。',
  new: '没有等待受理的举报。',
  acknowledged: '没有正在处理的举报。',
  resolved: '还没有办结的举报。',
};

const Item = observer(function Item({ item }: { item: CaseListItem }) {
  useWatch(catalogStore);
  const priorities = reportWordsOf(catalogStore.catalog)?.vocabulary.priorities;
  return (
    <View className={`inbox-item hh-inbox-item ${item.overdue ? 'inbox-item--overdue hh-inbox-item--overdue' : ''}`} onClick={() => void go.workCase(item.id)}>
      <View className='inbox-item__tags'>
        <PriorityBadge priority={item.priority} name={priorities?.[item.priority]} />
        {item.unread ? <Tag tone='danger'>新留言</Tag> : null}
        <Tag>{item.statusName}</Tag>
        {item.overdue ? <Tag tone='danger'>已超时</Tag> : null}
        {item.escalationLevel > 0 ? <Tag tone='warn'>{ESCALATED[item.escalationLevel]}</Tag> : null}
        {item.mine ? <Tag tone='ok'>我提交的</Tag> : item.informed ? <Tag>协办/知悉</Tag> : null}
      </View>
      <Text className='inbox-item__title'>{item.categoryName}</Text>
      <Text className='inbox-item__place'>{[item.jurisdictionName, item.schoolName].filter(Boolean).join(' · ')}</Text>
      <Due item={item} />
      <Text className='inbox-item__meta'>
        {item.channel === 'mandatory' ? '强制报告 · ' : ''}提交于 {timeText(item.createdAt)} · 案件号 {item.caseNumber}
      </Text>
    </View>
  );
});

/** WeChat only: a tap that lets the next new case reach this person as a subscription message. */
function AlertsButton() {
  if (!canAskForAlerts) return null;
  const ask = async () => {
    const answer = await askForCaseAlerts();
    void Taro.showToast({
      title: answer === 'accepted' ? '已开启：有新举报会微信通知您' : '没有开启提醒，请记得常来看看',
      icon: 'none',
    });
  };
  return (
    <Button className='hh-work-alerts' onClick={() => void ask()}>
      接收新举报提醒
    </Button>
  );
}

function WorkInboxPage() {
  useWatch(sessionStore);
  useWatch(catalogStore);
  const [inbox] = useState(() => new InboxStore());

  useDidShow(() => {
    // Every visit: coming back from a case should show its new state.
    void sessionStore.load();
    void catalogStore.load();
    void inbox.load();
  });

  usePullDownRefresh(() => {
    void inbox.load().finally(() => Taro.stopPullDownRefresh());
  });

  const roles = sessionStore.roles;
  // Opened by someone who has no workbench (a student following a shared link):
  // say what this page is for and where to go, instead of a retry that cannot help.
  if (sessionStore.loaded && !roleAllows('case.list', roles)) {
    return (
      <PageShell>
        <EmptyState title='工作台是给处理举报的老师和部门用的' description='如果您是老师或部门工作人员，请先在「我的」里输入单位给的邀请码。想举报的话，不用登录，直接点「举报」。' />
        <Button type='primary' onClick={() => void go.tab('me')}>去「我的」输入邀请码</Button>
        <Button onClick={() => void go.tab('report')}>我要举报</Button>
      </PageShell>
    );
  }
  let list;
  if (inbox.loading && !inbox.loaded) list = <Loading text='正在加载交给您的举报…' />;
  else if (inbox.error && !inbox.loaded) list = <RetryNotice message={inbox.error} onRetry={() => void inbox.load()} />;
  else if (inbox.items.length === 0) {
    list = (
      <EmptyState title={inbox.overdueOnly ? '没有超时的举报' : '这里是空的'} description={inbox.overdueOnly ? '很好，没有超时未处理的举报。' : EMPTY[inbox.filter]} />
    );
  } else {
    list = (
      <View>
        {inbox.error ? <Notice>{inbox.error}</Notice> : null}
        <Text className='inbox-count'>共{inbox.items.length}件，最紧急的排在前面</Text>
        {inbox.items.map((item) => (
          <Item key={item.id} item={item} />
        ))}
      </View>
    );
  }

  return (
    <PageShell>
      <View className='inbox-links'>
        <AlertsButton />
        {roleAllows('case.stats', roles) ? (
          <Button className='hh-work-stats' onClick={() => void go.workStats()}>
            统计
          </Button>
        ) : null}
      </View>
      {/* Not red and not alone at the top: a new handler took a red bar for an alarm (walk of 2026-12-07, item 12).
          A form to file, in the plain style, with what it is for in one line. */}
      {roleAllows('report.mandatory', roles) ? (
        <View className='inbox-mandatory'>
          <Button className='hh-work-mandatory' onClick={() => void go.workMandatory()}>
            提交强制报告
          </Button>
          <Text className='inbox-mandatory__hint'>发现孩子可能受到侵害，依法要实名报告时用</Text>
        </View>
      ) : null}
      <View className='inbox-filters'>
        {FILTERS.map((f) => (
          <Choice
            key={f.value}
            chip
            className={`hh-inbox-filter hh-inbox-filter--${f.value}`}
            title={f.label}
            selected={inbox.filter === f.value}
            onClick={() => inbox.setFilter(f.value)}
          />
        ))}
        <Choice
          chip
          className='hh-inbox-overdue'
          title={inbox.overdueOnly ? '✔ 只看超时' : '只看超时'}
          selected={inbox.overdueOnly}
          onClick={() => inbox.setOverdueOnly(!inbox.overdueOnly)}
        />
      </View>
      {list}
    </PageShell>
  );
}

export default observer(WorkInboxPage);
