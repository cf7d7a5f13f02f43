/** 举报详情 — one case: what was reported, timeline, actions. Placeholder until the workbench feature lands. */
import EmptyState from '../../../components/EmptyState';
import PageShell from '../../../components/PageShell';

export default function WorkCasePage() {
  return (
    <PageShell>
      <EmptyState
        title='还没有打开任何举报'
        description='从工作台点开一条举报，这里会显示举报内容、处理经过，以及受理、回复、转办、办结等操作。'
      />
    </PageShell>
  );
}
