/**
 * 举报: one tap from anywhere. Danger first — phone numbers that reach a
 * person now — then the anonymous report and its progress check, and any
 * report still waiting on this phone for the network.
 */
import { Text } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import Button from '../../components/Button';
import Card from '../../components/Card';
import EmergencyNumbers from '../../components/EmergencyNumbers';
import PageShell from '../../components/PageShell';
import { reportQueue } from '../../stores/reportQueue';
import { useWatch } from '../../stores/watch';
import { go } from '../routes';
import './index.scss';

function QueueNotice() {
  const count = reportQueue.items.length;
  if (count === 0) return null;
  return (
    <Card title='等待网络，恢复后自动发送' tone='brand' className='report__queue hh-report-queued'>
      <Text className='hh-text'>有{count}份举报还保存在这台手机上，没有发出去。网络恢复后会自动发送。</Text>
      <Button onClick={() => void go.reportDone()}>查看</Button>
    </Card>
  );
}

function ReportPage() {
  useWatch(reportQueue);
  useDidShow(() => {
    // Coming back to this tab is a good moment to try the waiting reports again.
    reportQueue.load();
    if (reportQueue.waiting.length > 0) void reportQueue.flush();
  });
  return (
    <PageShell>
      <Card title='有危险，马上打电话' tone='danger' subtitle='点一下号码就能拨打'>
        <EmergencyNumbers />
      </Card>
      <QueueNotice />
      <Card title='匿名举报' tone='brand'>
        {/* The button first: on a small phone it is the last thing the first screen shows. */}
        <Button type='danger' big onClick={() => go.reportSubmit()}>
          我要举报
        </Button>
        <Text className='hh-text'>
          看到欺凌、危险水域、校园周边的隐患，或者有人可能伤害自己，都可以告诉我们。不用登录，不会记录你是谁。
        </Text>
        <Text className='hh-text hh-text--secondary'>提交后会给你一个查询码和密码，用它们可以查看处理进度、和处理人员对话。</Text>
        <Button onClick={() => go.reportStatus()}>查询举报进度</Button>
      </Card>
    </PageShell>
  );
}

export default ReportPage;
