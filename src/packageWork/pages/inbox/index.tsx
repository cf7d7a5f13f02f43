/** 工作台 — cases routed to my unit. Placeholder until the workbench feature lands. */
import EmptyState from '../../../components/EmptyState';
import PageShell from '../../../components/PageShell';

export default function WorkInboxPage() {
  return (
    <PageShell>
      <EmptyState
        title='工作台正在准备中'
        description='上线后，交给您单位处理的举报会显示在这里，并提醒您按时受理：紧急的1小时内，较急的24小时内，一般的3天内。'
      />
    </PageShell>
  );
}
