/** 我要举报 — the anonymous report form. Placeholder until the report feature lands. */
import Taro from '@tarojs/taro';
import Button from '../../../components/Button';
import EmptyState from '../../../components/EmptyState';
import PageShell from '../../../components/PageShell';

export default function ReportSubmitPage() {
  return (
    <PageShell>
      <EmptyState
        title='举报表单正在准备中'
        description='很快就可以在这里匿名反映欺凌、危险水域、校园周边隐患等问题，不用登录，不会记录你是谁。如果现在就有危险，请马上打110。'
      >
        <Button type='danger' onClick={() => void Taro.makePhoneCall({ phoneNumber: '110' }).catch(() => undefined)}>
          拨打 110
        </Button>
      </EmptyState>
    </PageShell>
  );
}
