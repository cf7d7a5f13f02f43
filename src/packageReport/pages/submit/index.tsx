/**
 * 我要举报: the anonymous report form, one question per screen, with the
 * emergency numbers always in reach. Sends one report with one request id
 * however many times 提交 is pressed; with no network it keeps the report on
 * the phone and sends it when the network is back.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import EmergencyNumbersCompact from '../../../components/EmergencyNumbers/Compact';
import Loading from '../../../components/Loading';
import Notice from '../../../components/Notice';
import RetryNotice from '../../../components/Notice/Retry';
import PageShell from '../../../components/PageShell';
import { DraftOffer, STEP_TITLES, StepField, useReportForm, type StepFieldProps } from '../../../components/ReportForm';
import type { Progress } from '../../../services/api';
import { guardLeaving } from '../../../services/leaveGuard';
import { PAGES, go } from '../../../pages/routes';
import { catalogStore } from '../../../stores/catalog';
import { reportQueue } from '../../../stores/reportQueue';
import './index.scss';
import { useWatch } from '../../../stores/watch';

/** "正在提交…" / "网络不好，2秒后自动再试（第2次）…" */
function progressText(p: Progress | null): string {
  if (!p || (p.state === 'sending' && p.attempt === 1)) return '正在提交，请不要关闭页面…';
  if (p.state === 'sending') return `正在重新提交（第${p.attempt}次，共${p.maxAttempts}次）…`;
  return `网络不太好，${Math.ceil((p.retryInMs ?? 0) / 1000)}秒后自动再试…`;
}

const Queued = observer(function Queued({ requestId }: { requestId: string }) {
  useWatch(reportQueue);
  const item = reportQueue.items.find((i) => i.requestId === requestId);
  if (!item) {
    // The queue sent it (the app showed the code and secret when it did).
    return (
      <Card title='举报已经发出' tone='brand' className='hh-report-queue-sent'>
        <Text className='hh-text'>网络恢复后，你的举报已经交给有关部门。</Text>
        <Button type='primary' onClick={() => void go.reportDone()}>
          查看查询码和密码
        </Button>
      </Card>
    );
  }
  return (
    <Card title='等待网络，恢复后自动发送' tone='brand' className='hh-report-queued'>
      <Text className='hh-text'>
        现在连不上网络。你的举报已经保存在这台手机上，网络恢复后会自动发送，发送成功后会马上告诉你查询码和密码。
      </Text>
      {item.state === 'refused' && item.error ? <Notice>{item.error}</Notice> : null}
      <Button type='primary' loading={reportQueue.sending} className='hh-report-queue-retry' onClick={() => void reportQueue.retry(requestId)}>
        现在再试一次
      </Button>
      <Button onClick={() => void go.tab('home')}>先回到首页</Button>
    </Card>
  );
});

/** What the back button asks (WeChat) while answers would be lost. */
const LEAVE_MESSAGE = '你填的举报还没有提交，离开后要重新填。确定要离开吗？';

/**
 * One question a screen, with where we are, 下一步 / 上一步, and 提交 at the
 * end. The buttons, and what stopped them, stay at the bottom of the screen
 * while the question scrolls under them (fifteen categories are taller than
 * a phone), so 下一步 is always in reach and its answer always in sight.
 */
const Steps = observer(function Steps({ form, catalog, vocabulary }: Omit<StepFieldProps, 'step'>) {
  const { step, steps, stepIndex } = form;
  const index = Math.min(stepIndex, steps.length - 1);
  const title = STEP_TITLES[step];
  const review = step === 'review';

  // 下一步 is pressed at the bottom of a question: the next one starts at its top.
  useEffect(() => {
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
  }, [step]);

  const submit = async () => {
    const outcome = await form.submit();
    if (outcome !== 'sent') return;
    // Sent: nothing is lost by leaving now. redirectTo: back from the done page goes home, not to a filled-in form.
    guardLeaving(null);
    void Taro.redirectTo({ url: PAGES.reportDone });
  };
  return (
    <View>
      <View className='report-steps'>
        <Text className='report-steps__text hh-report-progress'>
          {/* Until a category is picked the number of steps is not known (follow-up questions or not): no total that then jumps. */}
          {form.category ? `第${index + 1}步/共${steps.length}步` : `第${index + 1}步`}
        </Text>
        <View className='report-steps__bar'>
          <View className='report-steps__fill' style={{ width: `${((index + 1) / steps.length) * 100}%` }} />
        </View>
      </View>
      <Text className='report-title'>{title.title}</Text>
      <Text className='report-hint'>{title.hint}</Text>

      <StepField step={step} form={form} catalog={catalog} vocabulary={vocabulary} />

      <View className='report-nav'>
        {form.stepError ? <Notice>{form.stepError}</Notice> : null}
        {review && form.submitError ? <Notice>{form.submitError}</Notice> : null}
        {form.submitting ? <Text className='report-sending'>{progressText(form.progress)}</Text> : null}
        <View className='report-nav__buttons'>
          {index > 0 ? (
            <Button className='hh-report-back' disabled={form.submitting} onClick={() => form.back()}>
              上一步
            </Button>
          ) : null}
          {review ? (
            <Button type='danger' big className='hh-report-submit' loading={form.submitting} onClick={() => void submit()}>
              {form.submitError ? '再提交一次' : '提交'}
            </Button>
          ) : form.returnToReview ? (
            <Button type='primary' big className='hh-report-to-review' onClick={() => form.backToReview()}>
              改好了，去提交
            </Button>
          ) : (
            <Button type='primary' big className='hh-report-next' onClick={() => form.next()}>
              下一步
            </Button>
          )}
        </View>
      </View>
    </View>
  );
});

function ReportSubmitPage() {
  useWatch(catalogStore);
  useWatch(reportQueue);
  const { form, catalog, words, opening } = useReportForm('anonymous');
  // Answers are kept on the phone as a draft (reportForm.ts); still ask before the back button leaves them.
  const unsent = form.hasAnswers && !form.queuedRequestId;
  useEffect(() => {
    guardLeaving(unsent ? LEAVE_MESSAGE : null);
  }, [unsent]);
  useEffect(() => () => guardLeaving(null), []);
  let body;
  if (form.queuedRequestId) body = <Queued requestId={form.queuedRequestId} />;
  else if (form.savedDraft) body = <DraftOffer form={form} />;
  else if (catalog && words) body = <Steps form={form} catalog={catalog} vocabulary={words.vocabulary} />;
  else if (opening) body = <Loading text='正在打开举报表…' />;
  else body = <RetryNotice message={catalogStore.error ?? '举报表没有加载完整。请检查网络后点“重新加载”。'} onRetry={() => void catalogStore.load(true)} />;

  return (
    <PageShell>
      {body}
      <EmergencyNumbersCompact />
      <Text className='hh-text hh-text--secondary report-privacy'>
        匿名举报不用登录，不会记录你是谁、用的什么手机。
      </Text>
    </PageShell>
  );
}

export default observer(ReportSubmitPage);
