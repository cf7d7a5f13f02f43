import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import Button from '../Button';
import Notice from '.';

export interface RetryNoticeProps {
  /** why it did not load, in words the reader can act on */
  message: string;
  /** loads again; without it there is no 重新加载 (nothing to try again) */
  onRetry?: () => void;
  /** another way on, e.g. back to the list */
  children?: ReactNode;
}

/** In place of what did not load: why, and 重新加载. Its own module: main-package pages do not need it. */
export default function RetryNotice({ message, onRetry, children }: RetryNoticeProps) {
  return (
    <View>
      <Notice>{message}</Notice>
      {onRetry ? (
        <Button type='primary' onClick={onRetry}>
          重新加载
        </Button>
      ) : null}
      {children}
    </View>
  );
}
