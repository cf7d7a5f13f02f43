import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { WaterType } from '../../domain/report';
import type { ReportVocabulary } from '../../services/report';
import type { FlagAnswer, ReportFormStore } from '../../stores/reportForm';
import Choice from '../Choice';

const ANSWERS: { value: FlagAnswer; label: string }[] = [
  { value: 'yes', label: '有' },
  { value: 'no', label: '没有' },
  { value: 'unknown', label: '不知道' },
];

/**
 * The questions a category asks: the kind of water (its manager is who gets
 * the report), and yes/no questions that bring in the police.
 */
export default observer(function FollowUpsField({ form, vocabulary }: { form: ReportFormStore; vocabulary: ReportVocabulary }) {
  const c = form.categoryInfo;
  if (!c) return null;
  return (
    <View className='hh-report-field'>
      {c.asksWaterType ? (
        <View className='hh-report-question'>
          <Text className='hh-report-question__text'>是哪一种水域？</Text>
          <Text className='hh-report-question__help'>分不清的话，选最像的一种。</Text>
          {(Object.entries(vocabulary.waterTypes) as [WaterType, string][]).map(([id, name]) => (
            <Choice
              key={id}
              className={`hh-report-water hh-report-water--${id}`}
              title={name}
              selected={form.waterType === id}
              onClick={() => form.chooseWaterType(id)}
            />
          ))}
        </View>
      ) : null}
      {c.flags.map((flag) => (
        <View key={flag} className='hh-report-question'>
          <Text className='hh-report-question__text'>{vocabulary.flagQuestions[flag]}</Text>
          <View className='hh-report-chips'>
            {ANSWERS.map((a) => (
              <Choice
                key={a.value}
                chip
                className={`hh-report-flag hh-report-flag--${flag}-${a.value}`}
                title={a.label}
                selected={form.flags[flag] === a.value}
                onClick={() => form.answerFlag(flag, a.value)}
              />
            ))}
          </View>
        </View>
      ))}
    </View>
  );
});
