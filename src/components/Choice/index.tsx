import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './index.scss';

export interface ChoiceProps {
  title: string;
  /** a plain sentence under the title (what belongs here) */
  description?: string;
  selected?: boolean;
  /** e.g. an emoji before the title */
  icon?: string;
  /** chip: a short option laid out several per row (counties, days) */
  chip?: boolean;
  className?: string;
  onClick?: () => void;
  children?: ReactNode;
}

/**
 * One answer to a question, as a big tappable block: the whole row is the
 * touch target, and the chosen one is marked by colour and by a tick, so it
 * does not depend on colour alone.
 */
export default function Choice({ title, description, selected, icon, chip, className, onClick, children }: ChoiceProps) {
  const classes = ['hh-choice', chip ? 'hh-choice--chip' : '', selected ? 'hh-choice--selected' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <View className={classes} onClick={onClick}>
      {chip ? null : <Text className='hh-choice__mark'>{selected ? '✔' : ''}</Text>}
      <View className='hh-choice__body'>
        <Text className='hh-choice__title'>{icon ? `${icon} ${title}` : title}</Text>
        {description ? <Text className='hh-choice__description'>{description}</Text> : null}
        {children}
      </View>
    </View>
  );
}
