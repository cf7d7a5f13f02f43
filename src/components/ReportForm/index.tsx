/**
 * The report form as pages use it: each step's question and help, the field
 * that answers it, and the form store with the catalog it needs. The fields
 * are one component each; the anonymous form shows them one per screen, the
 * staff's 强制报告 all on one page. One module, as every module shared by
 * the two subpackages is copied into each.
 */
// Before the fields' own sheets (Choice, Button): the order pages have always loaded them in.
import './index.scss';
import { useEffect, useMemo, useState } from 'react';
import type { Catalog } from '../../domain/catalog';
import type { ReportVocabulary } from '../../services/report';
import { catalogStore } from '../../stores/catalog';
import { ReportFormStore, type StepId } from '../../stores/reportForm';
import CategoryField from './CategoryField';
import DescriptionField from './DescriptionField';
import FollowUpsField from './FollowUpsField';
import PhotosField from './PhotosField';
import PlaceField from './PlaceField';
import RelationField from './RelationField';
import ReviewList from './ReviewList';
import { reportWordsOf } from './vocabulary';
import WhenField from './WhenField';
import { useWatch } from '../../stores/watch';

export { reportWordsOf, type ReportWords } from './vocabulary';
export { default as DraftOffer } from './DraftOffer';

/** The question each step asks, and a line of help under it. */
export const STEP_TITLES = {
  category: { title: '发生了什么事？', hint: '选一个最接近的。不确定的话，就选最后的“其他安全问题”。' },
  followUps: { title: '再回答几个小问题', hint: '这些回答能帮我们更快找到该管这件事的部门。' },
  place: { title: '事情发生在哪里？', hint: '我们会交给当地负责的部门处理。' },
  when: { title: '事情是什么时候发生的？', hint: '记不清也没关系，可以选“不记得了”。' },
  description: { title: '请说说发生了什么', hint: '写得越清楚，处理人员越快能帮上忙。' },
  photos: { title: '有照片吗？', hint: '可以不放照片，直接点“下一步”。' },
  relation: { title: '你和这件事是什么关系？', hint: '可以不说。' },
  review: { title: '检查一下，没问题就提交', hint: '点“修改”可以回去改。提交后会给你查询码和密码。' },
} as const;

export interface StepFieldProps {
  step: StepId;
  form: ReportFormStore;
  catalog: Catalog;
  vocabulary: ReportVocabulary;
}

/** The question one step of the form asks: the same fields one per screen (举报) or all on one page (强制报告). */
export function StepField({ step, form, catalog, vocabulary }: StepFieldProps) {
  switch (step) {
    case 'category':
      return <CategoryField form={form} />;
    case 'followUps':
      return <FollowUpsField form={form} vocabulary={vocabulary} />;
    case 'place':
      return <PlaceField form={form} catalog={catalog} />;
    case 'when':
      return <WhenField form={form} />;
    case 'description':
      return <DescriptionField form={form} />;
    case 'photos':
      return <PhotosField form={form} />;
    case 'relation':
      return <RelationField form={form} vocabulary={vocabulary} />;
    case 'review':
      return <ReviewList form={form} catalog={catalog} vocabulary={vocabulary} />;
  }
}

/**
 * A report form for a page (anonymous or named), with the catalog it needs:
 * loads the catalog and hands its categories to the form. `catalog` and
 * `words` are null until the catalog is here and has the form's words;
 * `opening` is true while it is still on its way. Call from an observer
 * page: the catalog is read during render.
 */
export function useReportForm(channel: ReportFormStore['channel']) {
  useWatch(catalogStore);
  const [form] = useState(() => new ReportFormStore(channel));
  const { catalog, loading, error } = catalogStore;
  const words = useMemo(() => reportWordsOf(catalog), [catalog]);

  useEffect(() => {
    void catalogStore.load();
    // The unsent form is kept on the phone as it is filled in (reportForm.ts, drafts).
    form.startDrafts();
    return () => form.stopDrafts();
  }, [form]);

  useEffect(() => {
    if (words) form.setCategories(words.categories);
  }, [words, form]);

  return { form, catalog, words, opening: !catalog && (loading || !error) };
}
