import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

export interface CardProps {
  title: string;
  /** a short line under the title */
  subtitle?: string;
  children?: ReactNode;
  /** brand: something to do; danger: urgent help; plain: information */
  tone?: 'plain' | 'brand' | 'danger';
  className?: string;
  onClick?: () => void;
}

/** A titled block on a page. Own markup: taro-ui's AtCard is built for dense lists, not big type. */
export default function Card({ title, subtitle, children, tone = 'plain', className, onClick }: CardProps) {
  return (
    <View className={`hh-card hh-card--${tone} ${className ?? ''}`} onClick={onClick}>
      <Text className='hh-card__title'>{title}</Text>
      {subtitle ? <Text className='hh-card__subtitle'>{subtitle}</Text> : null}
      {children ? <View className='hh-card__body'>{children}</View> : null}
    </View>
  );
}
