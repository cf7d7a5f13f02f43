import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { Catalog } from '../../domain/catalog';
import type { ReportFlag } from '../../domain/report';
import type { ReportVocabulary } from '../../services/report';
import type { ReportFormStore, StepId } from '../../stores/reportForm';
import { handlerWhenText, whenText } from './when';

const ANSWER_TEXT = { yes: '有', no: '没有', unknown: '不知道' } as const;

/** "思茅区 · 思茅第一中学 · 厕所" */
function placeText(form: ReportFormStore, catalog: Catalog): string {
  if (!form.placeMode) return '没有选（按您所在的学校或单位）';
  const county = form.countyId === 'city' ? '市属学校' : catalog.counties.find((c) => c.id === form.countyId)?.name;
  const school = form.schoolId ? catalog.schools.find((s) => s.id === form.schoolId)?.name : undefined;
  return [county, school, form.place.trim()].filter(Boolean).join(' · ') || '没有选';
}

function Row({ label, value, step, form }: { label: string; value: string; step: StepId; form: ReportFormStore }) {
  return (
    <View className='hh-review__row'>
      <View className='hh-review__head'>
        <Text className='hh-review__label'>{label}</Text>
        <Text className={`hh-review__edit hh-report-edit hh-report-edit--${step}`} onClick={() => form.goTo(step)}>
          修改
        </Text>
      </View>
      <Text className='hh-review__value'>{value}</Text>
    </View>
  );
}

/** Everything the reporter answered, each with 修改, before 提交. */
export default observer(function ReviewList({ form, catalog, vocabulary }: { form: ReportFormStore; catalog: Catalog; vocabulary: ReportVocabulary }) {
  const c = form.categoryInfo;
  const followUps: string[] = [];
  if (c?.asksWaterType) followUps.push(`水域：${form.waterType ? vocabulary.waterTypes[form.waterType] : '没有选'}`);
  for (const f of c?.flags ?? ([] as ReportFlag[])) {
    const a = form.flags[f];
    followUps.push(`${vocabulary.flagQuestions[f]} ${a ? ANSWER_TEXT[a] : '没有回答'}`);
  }
  const photos = form.photos.filter((p) => p.state === 'done').length;
  const handlerSees = handlerWhenText(form);
  return (
    <View className='hh-review'>
      <Row form={form} step='category' label='是什么事' value={c?.name ?? '没有选'} />
      {form.hasFollowUps ? <Row form={form} step='followUps' label='补充问题' value={followUps.join('\n')} /> : null}
      <Row form={form} step='place' label='在哪里' value={placeText(form, catalog)} />
      <Row form={form} step='when' label='什么时候' value={handlerSees ? `${whenText(form)}\n处理人员看到的是：${handlerSees}` : whenText(form)} />
      <Row form={form} step='description' label='发生了什么' value={form.description.trim() || '还没有写'} />
      <Row form={form} step='photos' label='照片' value={photos > 0 ? `${photos}张` : '没有照片'} />
      <Row form={form} step='relation' label='你和这件事的关系' value={form.relation ? vocabulary.relationChoices[form.relation] : '不想说'} />
    </View>
  );
});
