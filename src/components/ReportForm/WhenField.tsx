import { Picker, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { dayString, daysAgo, type ReportFormStore } from '../../stores/reportForm';
import Choice from '../Choice';
import { DAY_PARTS, WHEN_CHOICES, dayLabel } from './when';

/** When it happened: a few plain choices first; a calendar only for "更早". Optional. */
export default observer(function WhenField({ form }: { form: ReportFormStore }) {
  const now = new Date();
  const recentDays = [2, 3, 4, 5, 6].map((n) => dayString(daysAgo(n, now)));
  const askPart = form.when === 'today' || form.when === 'yesterday' || ((form.when === 'days' || form.when === 'earlier') && !!form.whenDate);
  return (
    <View className='hh-report-field'>
      <View className='hh-report-chips'>
        {WHEN_CHOICES.map((c) => (
          <Choice
            key={c.value}
            chip
            className={`hh-report-when hh-report-when--${c.value}`}
            title={c.label}
            selected={form.when === c.value}
            onClick={() => form.chooseWhen(c.value)}
          />
        ))}
      </View>

      {form.when === 'days' ? (
        <View className='hh-report-question'>
          <Text className='hh-report-question__text'>是哪一天？</Text>
          {recentDays.map((d) => (
            <Choice key={d} className='hh-report-day' title={dayLabel(d)} selected={form.whenDate === d} onClick={() => form.setWhenDate(d)} />
          ))}
        </View>
      ) : null}

      {form.when === 'earlier' ? (
        <View className='hh-report-question'>
          <Text className='hh-report-question__text'>是哪一天？记不清就选个大概的日子。</Text>
          <Picker mode='date' value={form.whenDate ?? dayString(daysAgo(7, now))} end={dayString(now)} onChange={(e) => form.setWhenDate(String(e.detail.value))}>
            <View className='hh-report-picker hh-report-date'>{form.whenDate ? dayLabel(form.whenDate) : '点这里选日期'}</View>
          </Picker>
        </View>
      ) : null}

      {askPart ? (
        <View className='hh-report-question'>
          <Text className='hh-report-question__text'>大概是什么时候？</Text>
          <View className='hh-report-chips'>
            {DAY_PARTS.map((p) => (
              <Choice
                key={p.value}
                chip
                className={`hh-report-daypart hh-report-daypart--${p.value}`}
                title={p.label}
                selected={form.dayPart === p.value}
                onClick={() => form.setDayPart(p.value)}
              />
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
});
