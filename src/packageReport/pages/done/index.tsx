/** 举报已提交 — shows the tracking code and secret once. Placeholder until the report feature lands. */
import EmptyState from '../../../components/EmptyState';
import PageShell from '../../../components/PageShell';

export default function ReportDonePage() {
  return (
    <PageShell>
      <EmptyState
        title='还没有提交举报'
        description='提交举报以后，这里会显示你的查询码和密码。它们只显示一次，请抄下来或截图保存，以后用来查看处理进度。'
      />
    </PageShell>
  );
}
