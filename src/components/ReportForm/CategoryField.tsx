import { View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import Choice from '../Choice';
import type { ReportFormStore } from '../../stores/reportForm';

/** Every category the city lists, with its plain description: the reporter picks the closest. */
export default observer(function CategoryField({ form }: { form: ReportFormStore }) {
  return (
    <View className='hh-report-field'>
      {form.categories.map((c) => (
        <Choice
          key={c.id}
          className={`hh-report-category hh-report-category--${c.id}`}
          icon={c.emoji}
          title={c.name}
          description={form.channel === 'mandatory' ? (c.staffDescription ?? c.description) : c.description}
          selected={form.category === c.id}
          onClick={() => form.chooseCategory(c.id)}
        />
      ))}
    </View>
  );
});
