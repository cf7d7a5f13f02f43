import { Text, View } from '@tarojs/components';
import Card from '../../components/Card';
import { HOTLINES, dial } from '../../components/EmergencyNumbers/hotlines';
import './screening.scss';

const NUMBERS = HOTLINES.filter((h) => h.number === '12356' || h.number === '12355');

/** The grown-ups a child can go to: the same list on every screen. */
export const TRUSTED_ADULTS = ['爸爸妈妈', '爷爷奶奶、外公外婆', '班主任', '学校的心理老师', '你信任的其他老师或亲戚'];

/**
 * Who to talk to: the two national helplines (tap to call), the trusted
 * adults, and (during a questionnaire) the promise that a teacher will reach
 * out. Never a label, never a score. `lasting`: the 首页 entry and the
 * not-yet screen, with no mention of any answers.
 */
export default function TalkNow({ submitted, lasting }: { submitted: boolean; lasting?: boolean }) {
  return (
    <Card title={lasting ? '想找人聊聊' : '现在就可以找人聊聊'} tone={lasting ? 'brand' : 'danger'} subtitle='你不是一个人，说出来会好受一些。'>
      {NUMBERS.map((h) => (
        <View key={h.number} className='scr-hotline' onClick={() => dial(h.number)}>
          <Text className='scr-hotline__number'>{h.number}</Text>
          <Text className='scr-hotline__name'>{h.name}（免费，点一下就能打）</Text>
        </View>
      ))}
      <Text className='hh-text scr-line'>也可以去找你信任的大人：</Text>
      {TRUSTED_ADULTS.map((a) => <Text key={a} className='hh-text scr-adult'>· {a}</Text>)}
      {lasting ? null : (
        <Text className='hh-text scr-line'>
          {submitted ? '学校的心理老师很快会来找你，和你聊一聊。' : '答完以后，学校的心理老师会来找你，和你聊一聊。'}
        </Text>
      )}
      <Text className='hh-text scr-line'>如果你现在就有危险，请马上打 110 或 120。</Text>
    </Card>
  );
}
