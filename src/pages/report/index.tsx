/**
 * 举报: one tap from anywhere. Danger first — phone numbers that reach a
 * person now — then the anonymous report and its progress check.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '../../components/Button';
import Card from '../../components/Card';
import PageShell from '../../components/PageShell';
import { go } from '../routes';
import './index.scss';

export interface Hotline { number: string; name: string; when: string }

/** National numbers: the same in every city, so they are not city data. */
export const HOTLINES: readonly Hotline[] = [
  { number: '110', name: '报警', when: '遇到坏人、打架、被威胁或被拐骗' },
  { number: '120', name: '急救', when: '有人受伤、生病或落水' },
  { number: '12356', name: '心理援助热线', when: '心里很难受，或想伤害自己' },
  { number: '12355', name: '青少年服务台', when: '被欺负、有烦恼，想找人说说' },
];

function dial(number: string) {
  // Cancelling the dial prompt is not an error worth showing.
  Taro.makePhoneCall({ phoneNumber: number }).catch(() => undefined);
}

export default function ReportPage() {
  return (
    <PageShell>
      <Card title='有危险，马上打电话' tone='danger' subtitle='点一下号码就能拨打'>
        {HOTLINES.map((h) => (
          <View key={h.number} className='report__hotline' onClick={() => dial(h.number)}>
            <Text className='report__number'>{h.number}</Text>
            <View className='report__hotline-text'>
              <Text className='report__name'>{h.name}</Text>
              <Text className='report__when'>{h.when}</Text>
            </View>
          </View>
        ))}
      </Card>
      <Card title='匿名举报' tone='brand'>
        <Text className='hh-text'>
          看到欺凌、危险水域、校园周边的隐患，或者有人可能伤害自己，都可以告诉我们。不用登录，不会记录你是谁。
        </Text>
        <Button type='danger' big onClick={() => go.reportSubmit()}>
          我要举报
        </Button>
        <Text className='hh-text hh-text--secondary'>提交后会给你一个查询码和密码，用它们可以查看处理进度、和处理人员对话。</Text>
        <Button onClick={() => go.reportStatus()}>查询举报进度</Button>
      </Card>
    </PageShell>
  );
}
