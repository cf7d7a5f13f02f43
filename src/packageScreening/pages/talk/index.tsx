/**
 * 想找人聊聊: the lasting entry a student keeps on 首页 after a crisis
 * screen (and that the not-yet screen offers): helplines and trusted adults,
 * nothing about any answers. Static: opens without network.
 */
import { Text } from '@tarojs/components';
import PageShell from '../../../components/PageShell';
import TalkNow from '../../components/TalkNow';
import '../../components/screening.scss';

export default function TalkPage() {
  return (
    <PageShell>
      <TalkNow submitted lasting />
      <Text className='hh-text scr-line'>心情不好的时候，说出来不丢人。什么时候想聊都可以回到这里。</Text>
    </PageShell>
  );
}
