import { View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { Relation } from '../../domain/report';
import type { ReportVocabulary } from '../../services/report';
import type { ReportFormStore } from '../../stores/reportForm';
import Choice from '../Choice';

/** Who the reporter is to what happened. Optional: 不想说 is a fine answer. */
export default observer(function RelationField({ form, vocabulary }: { form: ReportFormStore; vocabulary: ReportVocabulary }) {
  return (
    <View className='hh-report-field'>
      {(Object.entries(vocabulary.relationChoices) as [Relation, string][]).map(([id, text]) => (
        <Choice
          key={id}
          className={`hh-report-relation hh-report-relation--${id}`}
          title={text}
          selected={form.relation === id}
          onClick={() => form.chooseRelation(id)}
        />
      ))}
      <Choice
        className='hh-report-relation hh-report-relation--none'
        title='不想说'
        selected={form.relation === null}
        onClick={() => form.chooseRelation(null)}
      />
    </View>
  );
});
