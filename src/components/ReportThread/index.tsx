/**
 * A report's story as both sides see it: the anonymous two-way dialogue
 * between the reporter and the units handling the report, and the timeline
 * of what happened. The reporter's status page and the handler's case page
 * show them from the two sides. One module for both, since each module
 * shared by two subpackages is copied into each: not for main-package pages.
 */
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import Card from '../Card';
import { timeText } from '../timeText';
import './index.scss';

export type Speaker = 'handler' | 'reporter';

export interface DialogueMessage {
  from: Speaker;
  text: string;
  at: number;
  /** staff: written since I last opened the case */
  unread?: boolean;
}

export interface DialogueProps<M extends DialogueMessage> {
  title: string;
  subtitle: string;
  messages: readonly M[];
  /** what to say while there are no messages yet */
  empty: string;
  /** whose messages are mine, drawn on the right */
  mine: Speaker;
  /** the name over a bubble: "我", "处理人员", "举报人", a handler's name */
  who: (m: M) => string;
  /** the page's class for its bubbles; each bubble also gets `<bubbleClass>--<from>` (tests find messages by it) */
  bubbleClass: string;
  /** under the messages, e.g. a box to write an answer */
  children?: ReactNode;
}

/** The dialogue as chat bubbles: mine on the right, theirs on the left. */
export function Dialogue<M extends DialogueMessage>({ title, subtitle, messages, empty, mine, who, bubbleClass, children }: DialogueProps<M>) {
  return (
    <Card title={title} subtitle={subtitle}>
      {messages.length === 0 ? <Text className='hh-text hh-text--secondary'>{empty}</Text> : null}
      {messages.map((m, i) => (
        <View key={i} className={`hh-bubble hh-bubble--${m.from === mine ? 'mine' : 'theirs'} ${bubbleClass} ${bubbleClass}--${m.from}`}>
          <Text className='hh-bubble__who'>
            {m.unread ? <Text className='hh-bubble__new'>新留言 </Text> : null}
            {who(m)} · {timeText(m.at)}
          </Text>
          <Text className='hh-bubble__text'>{m.text}</Text>
        </View>
      ))}
      {children}
    </Card>
  );
}

export interface TimelineEvent {
  at: number;
  text: string;
  /** who did it, shown to staff only */
  actor?: string;
}

export interface TimelineProps {
  title: string;
  events: readonly TimelineEvent[];
  /** what to say while there is nothing yet; without it an empty timeline is not shown */
  empty?: string;
}

/** What happened, oldest first, each line with its time (and, for staff, who did it). */
export function Timeline({ title, events, empty }: TimelineProps) {
  if (events.length === 0 && !empty) return null;
  return (
    <Card title={title}>
      {events.length === 0 ? <Text className='hh-text hh-text--secondary'>{empty}</Text> : null}
      {events.map((e, i) => (
        <View key={i} className='hh-event'>
          <Text className='hh-event__time'>
            {timeText(e.at)}
            {e.actor ? ` · ${e.actor}` : ''}
          </Text>
          <Text className='hh-event__text'>{e.text}</Text>
        </View>
      ))}
    </Card>
  );
}
