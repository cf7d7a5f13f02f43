/**
 * 放假时间 (coordinators): the term dates of a break for my county, or for the
 * whole city (city coordinator). They replace the calendar's defaults; the
 * letters and reminders follow them.
 */
import { Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import Button from '../../../components/Button';
import Card from '../../../components/Card';
import Choice from '../../../components/Choice';
import Notice from '../../../components/Notice';
import { write } from '../../../services/api';
import { messageOf } from '../../../services/errors';
import { dayText } from '../../service';

type BreakKey = 'winter_break' | 'summer_break';

function DateRow({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <Picker mode='date' value={value || '2027-01-16'} onChange={(e) => onChange(String(e.detail.value))}>
      <View className='cov-date'>
        <Text className='cov-row__name'>{label}</Text>
        <Text className='cov-row__detail'>{value ? dayText(value) + `（${value.slice(0, 4)}年）` : '点这里选日期'}</Text>
      </View>
    </Picker>
  );
}

export default function TermsForm({ scope, scopeName }: { scope: string; scopeName: string }) {
  const [key, setKey] = useState<BreakKey>('winter_break');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [resume, setResume] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const save = async () => {
    if (!start || !end || !resume) {
      setMessage('请选好放假日期、假期最后一天和开学日期。');
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      await write('holiday.setTerms', { scope, key, year: Number(start.slice(0, 4)), start, end, resume });
      setMessage(`已保存：${scopeName}${key === 'winter_break' ? '寒假' : '暑假'} ${dayText(start)}放假，${dayText(resume)}开学。告家长书和提醒会按这个时间发出。`);
    } catch (e) {
      setMessage(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title='设置放假时间' subtitle={`适用于：${scopeName}。不设置就按往年的一般时间。`}>
      <View className='cov-keys'>
        <Choice chip title='寒假' selected={key === 'winter_break'} onClick={() => setKey('winter_break')} />
        <Choice chip title='暑假' selected={key === 'summer_break'} onClick={() => setKey('summer_break')} />
      </View>
      <DateRow label='放假日期' value={start} onChange={setStart} />
      <DateRow label='假期最后一天' value={end} onChange={setEnd} />
      <DateRow label='开学日期' value={resume} onChange={setResume} />
      {message ? <Notice type='info'>{message}</Notice> : null}
      <Button type='primary' loading={busy} disabled={busy} onClick={() => void save()}>保存放假时间</Button>
    </Card>
  );
}
