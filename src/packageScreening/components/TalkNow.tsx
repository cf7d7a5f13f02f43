import { Text, View } from '@tarojs/components';
import Card from '../../components/Card';
import { HOTLINES, dial } from '../../components/EmergencyNumbers/hotlines';
import './screening.scss';

const NUMBERS = HOTLINES.filter((h) => h.number === '12356' || h.number === '12355');

/**
 * Who to talk to right now: the two national helplines (tap to call), a
 * trusted adult, and the promise that a teacher will reach out. Never a
 * label, never a score.
 */
export default function TalkNow({ submitted }: { submitted: boolean }) {
  return (
    <Card title='现在就可以找人聊聊' tone='danger' subtitle='你不是一个人，说出来会好受一些。'>
      {NUMBERS.map((h) => (
        <View key={h.number} className='scr-hotline' onClick={() => dial(h.number)}>
          <Text className='scr-hotline__number'>{h.number}</Text>
          <Text className='scr-hotline__name'>{h.name}（免费，点一下就能打）</Text>
        </View>
      ))}
      <Text className='hh-text scr-line'>也可以马上去找你信任的大人：爸爸妈妈、爷爷奶奶、班主任或者心理老师。</Text>
      <Text className='hh-text scr-line'>
        {submitted ? '学校的心理老师很快会来找你，和你聊一聊。' : '答完以后，学校的心理老师会来找你，和你聊一聊。'}
      </Text>
      <Text className='hh-text scr-line'>如果你现在就有危险，请马上打 110 或 120。</Text>
    </Card>
  );
}
