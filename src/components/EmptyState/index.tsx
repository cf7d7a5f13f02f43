import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

export interface EmptyStateProps {
  title: string;
  /** why it is empty and what will appear here, in plain words */
  description: string;
  /** e.g. a Button leading somewhere useful */
  children?: ReactNode;
}

/** Says honestly why there is nothing here yet. */
export default function EmptyState({ title, description, children }: EmptyStateProps) {
  return (
    <View className='hh-empty'>
      <Text className='hh-empty__title'>{title}</Text>
      <Text className='hh-empty__description'>{description}</Text>
      {children ? <View className='hh-empty__actions'>{children}</View> : null}
    </View>
  );
}
