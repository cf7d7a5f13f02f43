import { Text, View } from '@tarojs/components';
import './index.scss';

export interface NoticeProps {
  children: string;
  /** warning: something went wrong or needs care; info: good to know */
  type?: 'info' | 'warning';
}

/**
 * A one-paragraph notice (an error message, a hint). Own markup: taro-ui's
 * AtNoticebar worked, but it is a marquee (timers, selector queries) that
 * added ~6 KB to the main package for what is a coloured paragraph here.
 */
export default function Notice({ children, type = 'warning' }: NoticeProps) {
  return (
    <View className={`hh-notice hh-notice--${type}`}>
      <Text className='hh-notice__text'>{children}</Text>
    </View>
  );
}
