/**
 * 举报已提交: the tracking code and secret, shown this once, large and in
 * groups, each with 复制; a plain warning that nobody can recover them; an
 * opt-in to keep them on this phone; who got the report and how soon they
 * must take it on. With nothing to show, it says whether a report is still
 * waiting for the network.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { useEffect, useState } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import EmergencyNumbersCompact from '../../../components/EmergencyNumbers/Compact';
import EmptyState from '../../../components/EmptyState';
import Notice from '../../../components/Notice';
import PageShell from '../../../components/PageShell';
import { reportWordsOf } from '../../../components/ReportForm/vocabulary';
import { go } from '../../../pages/routes';
import type { SubmitAnswer } from '../../../services/report';
import { catalogStore } from '../../../stores/catalog';
import { reportQueue } from '../../../stores/reportQueue';
import { reportReceipt } from '../../../stores/reportReceipt';
import { rememberedReports } from '../../../stores/reportRemembered';
import { reportLookup } from '../../../stores/reportStatus';
import './index.scss';
import { useWatch } from '../../../stores/watch';

function copy(text: string, what: string) {
  Taro.setClipboardData({ data: text })
    .then(() => Taro.showToast({ title: `${what}已复制`, icon: 'none' }))
    .catch(() => undefined);
}

function Secret({ label, value, className }: { label: string; value: string; className: string }) {
  return (
    <View className={`done-secret ${className}`}>
      <Text className='done-secret__label'>{label}</Text>
      <View className='done-secret__row'>
        <View className='done-secret__groups'>
          {value.split('-').map((g, i) => (
            <Text key={i} className='done-secret__group'>
              {g}
            </Text>
          ))}
        </View>
        <Button className={`${className}-copy`} onClick={() => copy(value, label)}>
          {`复制${label}`}
        </Button>
      </View>
    </View>
  );
}

/**
 * 我已经记下来了 erases the only copy the reporter has: a slip of the finger must not lose it, so it asks
 * first, as 回到首页 does. A code this phone keeps (在这台手机上记住) is not lost by it: then no question.
 * WeChat refuses a modal whose button words are over 4 characters (it never shows): hence 抄好了.
 */
async function forgetAfterAsking(trackingCode: string) {
  if (!rememberedReports.isRemembered(trackingCode)) {
    const r = await Taro.showModal({
      title: '查询码抄好了吗？',
      content: '点“抄好了”以后，查询码和密码就从这里清除，以后谁都不能再给你看，护航也不能。',
      confirmText: '抄好了',
      cancelText: '再看一下',
    }).catch(() => ({ confirm: false }));
    if (!r.confirm) return;
  }
  reportReceipt.saved([trackingCode]);
}

const Receipt = observer(function Receipt({ answer }: { answer: SubmitAnswer }) {
  useWatch(catalogStore);
  const vocabulary = reportWordsOf(catalogStore.catalog)?.vocabulary;
  const remembered = rememberedReports.isRemembered(answer.trackingCode);
  const toggle = () => {
    if (remembered) rememberedReports.forget(answer.trackingCode);
    else rememberedReports.remember(answer.trackingCode, answer.secret);
  };
  return (
    <Card title='举报已经提交，谢谢你！' tone='brand' className='hh-report-receipt'>
      <Secret label='查询码' value={answer.trackingCode} className='hh-report-code' />
      <Secret label='查询密码' value={answer.secret} className='hh-report-secret' />
      <View className='done-warning'>
        <Text className='done-warning__title'>请马上抄下来，或者截图保存</Text>
        <Text className='done-warning__text'>
          查询码和密码只显示这一次。谁都找不回来——警察、学校和我们都不能。丢了就不能再查看进度，也不能和处理人员说话。
        </Text>
      </View>
      <View className={`done-remember hh-report-remember ${remembered ? 'done-remember--on' : ''}`} onClick={toggle}>
        <Text className='done-remember__box'>{remembered ? '✔' : ''}</Text>
        <View className='done-remember__body'>
          <Text className='done-remember__title'>在这台手机上记住</Text>
          <Text className='done-remember__text'>
            勾选后，下次打开“查询举报进度”可以直接查看。用这台手机的其他人也能看到，别人的手机不要勾选。
          </Text>
        </View>
      </View>
      {answer.routedTo.length > 0 ? (
        <Text className='hh-text done-line'>已经交给：{answer.routedTo.join('、')}</Text>
      ) : null}
      {vocabulary?.priorityPromises[answer.priority] ? (
        <Text className='hh-text done-line'>{vocabulary.priorityPromises[answer.priority]}。</Text>
      ) : null}
      <Button className='hh-report-saved' onClick={() => void forgetAfterAsking(answer.trackingCode)}>
        我已经记下来了
      </Button>
      <Button
        type='primary'
        className='hh-report-go-status'
        onClick={() => {
          reportLookup.pending = { trackingCode: answer.trackingCode, secret: answer.secret };
          void go.reportStatus();
        }}
      >
        查看处理进度
      </Button>
    </Card>
  );
});

const Waiting = observer(function Waiting() {
  useWatch(reportQueue);
  const { waiting, refused, sending } = reportQueue;
  return (
    <View>
      {waiting.length > 0 ? (
        <Card title='等待网络，恢复后自动发送' tone='brand' className='hh-report-queued'>
          <Text className='hh-text'>
            有{waiting.length}份举报保存在这台手机上，还没有发出去。网络恢复后会自动发送，发出后这里会显示查询码和密码。
          </Text>
          <Button type='primary' loading={sending} className='hh-report-queue-retry' onClick={() => void reportQueue.flush()}>
            现在再试一次
          </Button>
        </Card>
      ) : null}
      {refused.map((item) => (
        <Card key={item.requestId} title='有一份举报没能发出' tone='danger'>
          <Notice>{item.error ?? '服务器没有接收这份举报。'}</Notice>
          <Button type='primary' loading={sending} onClick={() => void reportQueue.retry(item.requestId)}>
            再试一次
          </Button>
          <Button onClick={() => reportQueue.remove(item.requestId)}>删除这份举报</Button>
        </Card>
      ))}
    </View>
  );
});

function ReportDonePage() {
  useWatch(reportReceipt);
  useWatch(reportQueue);
  useWatch(catalogStore);
  // Kept on the phone until the reporter says they saved it (reportReceipt.ts): a reload shows it again.
  useState(() => reportReceipt.load());
  const answers = reportReceipt.answers;

  useEffect(() => {
    rememberedReports.load();
    reportQueue.load();
    void catalogStore.load();
  }, []);

  const pending = reportQueue.items.length > 0;
  // Leaving forgets the code and secret for good: unless this phone keeps them, ask once whether they are written down.
  const goHome = () => {
    if (answers.every((a) => rememberedReports.isRemembered(a.trackingCode))) {
      reportReceipt.saved(answers.map((a) => a.trackingCode));
      void go.tab('home');
      return;
    }
    void Taro.showModal({
      title: '记下来了吗？',
      content: '查询码和密码只显示这一次，离开这一页就再也看不到了。已经抄下来或者截图了吗？',
      confirmText: '记好了',
      cancelText: '还没有',
    })
      .then((r) => {
        if (!r.confirm) return;
        reportReceipt.saved(answers.map((a) => a.trackingCode));
        void go.tab('home');
      })
      .catch(() => undefined);
  };
  return (
    <PageShell>
      {answers.map((a) => (
        <Receipt key={a.trackingCode} answer={a} />
      ))}
      <Waiting />
      {answers.length === 0 && !pending ? (
        <EmptyState
          title='这里没有要显示的查询码'
          description='已经记下来的查询码和密码不会再显示。如果你提交过举报，请用抄下来的查询码和密码查看处理进度；没有提交过，可以现在反映。'
        >
          <Button type='primary' onClick={() => void go.reportStatus()}>
            查询举报进度
          </Button>
          <Button type='danger' onClick={() => void go.reportSubmit()}>
            我要举报
          </Button>
        </EmptyState>
      ) : null}
      <Button className='hh-report-go-home' onClick={goHome}>
        回到首页
      </Button>
      <EmergencyNumbersCompact />
    </PageShell>
  );
}

export default observer(ReportDonePage);
