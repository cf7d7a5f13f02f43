import { Text, Textarea, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { REPORT_LIMITS } from '../../services/report';
import type { ReportFormStore } from '../../stores/reportForm';

/** What happened, in the reporter's words, with a live count against the limits. */
export default observer(function DescriptionField({ form }: { form: ReportFormStore }) {
  const n = form.descriptionLength;
  const { descriptionMin: min, descriptionMax: max } = REPORT_LIMITS;
  const counter = n < min ? `已写${n}字，还要再写${min - n}字` : n > max ? `已写${n}字，超过了${n - max}字` : `已写${n}字`;
  return (
    <View className='hh-report-field'>
      {form.channel === 'mandatory' ? (
        <View className='hh-report-hint'>
          <Text className='hh-report-hint__line'>请写明：</Text>
          <Text className='hh-report-hint__line'>· 涉及的学生（姓名、年级班级）和怎样发现的</Text>
          <Text className='hh-report-hint__line'>· 发生了什么、发生过几次、涉事人员（知道的话）</Text>
          <Text className='hh-report-hint__line'>· 学生现在是否安全，已经采取了哪些措施</Text>
        </View>
      ) : (
        <View className='hh-report-hint'>
          <Text className='hh-report-hint__line'>可以写：</Text>
          <Text className='hh-report-hint__line'>· 发生了什么事，发生过几次</Text>
          <Text className='hh-report-hint__line'>· 是谁做的（知道的话），有没有人受伤</Text>
          <Text className='hh-report-hint__line'>· 现在还有没有危险</Text>
          <Text className='hh-report-hint__line'>不用写你自己的名字。</Text>
        </View>
      )}
      {/* Above the box: below it, the sticky footer of the page covered it while typing. */}
      <Text className={`hh-report-counter ${n < min || n > max ? 'hh-report-counter--warn' : ''}`}>
        {counter}（至少{min}字，最多{max}字）
      </Text>
      <Textarea
        className='hh-report-textarea hh-report-description'
        value={form.description}
        maxlength={-1}
        autoHeight
        placeholder='请在这里写下发生了什么'
        onInput={(e) => form.setDescription(e.detail.value)}
      />
    </View>
  );
});
