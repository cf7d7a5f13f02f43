/** 统计 — coordinators' overview. Placeholder until the workbench feature lands. */
import EmptyState from '../../../components/EmptyState';
import PageShell from '../../../components/PageShell';

export default function WorkStatsPage() {
  return (
    <PageShell>
      <EmptyState
        title='统计正在准备中'
        description='上线后，平安办可以在这里看到本地区各类举报的数量、按时受理的比例和超时的举报。'
      />
    </PageShell>
  );
}
