/**
 * A code just issued to a member of staff (a post, a class teacher): on one line (at 390 px it broke mid-code),
 * with a button that copies it to pass on in a chat, and until when it works.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '../../components/Button';
import { dateText, type Slip } from '../service';

export default function IssuedCode({ code }: { code: Slip }) {
  const copy = async () => {
    try {
      await Taro.setClipboardData({ data: code.code });
      void Taro.showToast({ title: '已复制', icon: 'none' });
    } catch {
      void Taro.showToast({ title: '没有复制，请长按邀请码复制', icon: 'none' });
    }
  };
  return (
    <View>
      <Text className='hh-text adm-ok'>{code.label}</Text>
      <View className='adm-code'>
        <Text className='adm-code__value' userSelect>{code.code}</Text>
        <Button className='adm-code__copy' onClick={() => void copy()}>复制</Button>
      </View>
      <Text className='hh-text adm-muted'>{`${dateText(code.expiresAt)}前有效，只能用一次。`}</Text>
    </View>
  );
}

