/** 查询举报进度 — code + secret → status and dialogue. Placeholder until the report feature lands. */
import EmptyState from '../../../components/EmptyState';
import PageShell from '../../../components/PageShell';

export default function ReportStatusPage() {
  return (
    <PageShell>
      <EmptyState
        title='查询功能正在准备中'
        description='上线后，输入举报时拿到的查询码和密码，就能看到处理到了哪一步，还可以和处理人员匿名对话。'
      />
    </PageShell>
  );
}
