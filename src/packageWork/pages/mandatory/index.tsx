/**
 * 强制报告: the named channel for staff who must report suspected abuse of a
 * student. The same questions as the anonymous form, on one page; the
 * filer's name, role and school go with it, and handlers can see them.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { observer } from 'mobx-react-lite';
import { useEffect, useState } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import Loading from '../../../components/Loading';
import Notice from '../../../components/Notice';
import RetryNotice from '../../../components/Notice/Retry';
import PageShell from '../../../components/PageShell';
import { DraftOffer, StepField, useReportForm, type StepFieldProps } from '../../../components/ReportForm';
import { PAGES, go } from '../../../pages/routes';
import { guardLeaving } from '../../../services/leaveGuard';
import type { MandatoryAnswer } from '../../../services/report';
import { catalogStore } from '../../../stores/catalog';
import type { StepId } from '../../../stores/reportForm';
import './index.scss';
import { useWatch } from '../../../stores/watch';

function Filed({ answer }: { answer: MandatoryAnswer }) {
  return (
    <Card title='强制报告已提交' tone='brand' className='hh-mandatory-done'>
      <Text className='mandatory-label'>案件号</Text>
      <Text className='mandatory-code hh-mandatory-code'>{answer.caseNumber}</Text>
      {answer.routedTo.length > 0 ? <Text className='hh-text'>已经交给：{answer.routedTo.join('、')}</Text> : null}
      <Text className='hh-text hh-text--secondary'>
        这份报告会出现在您的工作台里（标着“我提交的”），可以随时查看处理进展和回复。
      </Text>
      <Button type='primary' className='hh-mandatory-open' onClick={() => void Taro.redirectTo({ url: `${PAGES.workCase}?id=${encodeURIComponent(answer.caseId)}` })}>
        查看这份报告
      </Button>
      <Button className='hh-mandatory-inbox' onClick={() => void Taro.navigateBack().catch(() => go.workInbox())}>
        回到工作台
      </Button>
    </Card>
  );
}

/** The steps the named form asks; 补充问题 only when the kind of report has any. Numbered as shown (sectionTitle). */
const SECTIONS: Partial<Record<StepId, { title: string; subtitle?: string }>> = {
  category: { title: '是什么情况？' },
  followUps: { title: '补充问题' },
  place: { title: '在哪里？', subtitle: '不选的话，按您所在的学校或单位处理。' },
  when: { title: '什么时候？' },
  description: { title: '情况说明' },
  photos: { title: '照片（可以不放）' },
};

/** "3. 在哪里？": numbered among the sections shown now, so no number is skipped before a category is picked. */
const sectionTitle = (steps: readonly StepId[], step: StepId) => {
  const shown = steps.filter((s) => SECTIONS[s]);
  return `${shown.indexOf(step) + 1}. ${SECTIONS[step]?.title ?? ''}`;
};

/** Every question on one page, each in its card. */
const Sections = observer(function Sections({ form, catalog, vocabulary }: Omit<StepFieldProps, 'step'>) {
  return (
    <View>
      {form.steps.map((step) => {
        const section = SECTIONS[step];
        return section ? (
          <Card key={step} title={sectionTitle(form.steps, step)} subtitle={section.subtitle}>
            <StepField step={step} form={form} catalog={catalog} vocabulary={vocabulary} />
          </Card>
        ) : null;
      })}
    </View>
  );
});

/**
 * Why 提交 did not go through, by the button; for an unanswered question,
 * also which one, since it may be a long scroll up.
 */
const SubmitProblem = observer(function SubmitProblem({ form }: { form: StepFieldProps['form'] }) {
  if (!form.submitError) return null;
  const problem = form.firstProblem();
  const section = problem ? SECTIONS[problem.step] : undefined;
  return (
    <View>
      {section && problem ? <Text className='mandatory-where'>请往上翻，补上“{sectionTitle(form.steps, problem.step)}”</Text> : null}
      <Notice>{problem?.message ?? form.submitError}</Notice>
    </View>
  );
});

function WorkMandatoryPage() {
  useWatch(catalogStore);
  const { form, catalog, words, opening } = useReportForm('mandatory');
  const [answer, setAnswer] = useState<MandatoryAnswer | null>(null);
  // Ask before the back button throws away a report being written.
  const unsent = form.hasAnswers && !answer;
  useEffect(() => {
    guardLeaving(unsent ? '报告还没有提交，离开后要重新填写。确定要离开吗？' : null);
  }, [unsent]);
  useEffect(() => () => guardLeaving(null), []);

  const submit = async () => {
    const filed = await form.submitNamed();
    if (filed) setAnswer(filed);
  };

  if (answer) {
    return (
      <PageShell>
        <Filed answer={answer} />
      </PageShell>
    );
  }

  let body;
  if (form.savedDraft) body = <DraftOffer form={form} />;
  else if (catalog && words) {
    body = (
      <View>
        <Sections form={form} catalog={catalog} vocabulary={words.vocabulary} />
        <SubmitProblem form={form} />
        <Button type='danger' big className='hh-mandatory-submit' loading={form.submitting} onClick={() => void submit()}>
          实名提交强制报告
        </Button>
      </View>
    );
  } else if (opening) body = <Loading text='正在打开报告表…' />;
  else body = <RetryNotice message={catalogStore.error ?? '报告表没有加载完整。请检查网络后点“重新加载”。'} onRetry={() => void catalogStore.load(true)} />;

  return (
    <PageShell>
      <Notice type='info'>
        强制报告是实名的：您的姓名、身份和学校（单位）会和报告一起记录，处理人员能看到，方便向您核实情况。发现学生可能遭受侵害时，请及时报告；紧急情况请先打110。
      </Notice>
      {body}
    </PageShell>
  );
}

export default observer(WorkMandatoryPage);
