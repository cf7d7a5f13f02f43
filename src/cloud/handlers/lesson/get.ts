import { z } from 'zod';
import { findTopic, LESSON_TOPICS } from '../../../content/lessons/topics';
import { seasonReason } from '../../../domain/lessons';
import { defineAction } from '../../core/action';
import { lessonIdSchema, requireLesson } from './shared';

/**
 * One lesson with its quiz (options, the right one and the explanations):
 * the client reveals the right answer only after the student has answered,
 * and keeps the lesson on the device for reading offline. Public: reading a
 * lesson needs no account (a grandparent, a child on a shared phone);
 * recording completion does.
 */
export const get = defineAction({
  name: 'lesson.get',
  input: z.object({ id: lessonIdSchema }).strict(),
  labels: { id: '课程编号' },
  async handle(input, ctx) {
    const lesson = requireLesson(input.id);
    const season = seasonReason(LESSON_TOPICS, lesson.topic, ctx.clock.now());
    return { ...lesson, topicTitle: findTopic(lesson.topic)?.title ?? lesson.topic, ...(season ? { season } : {}) };
  },
});
