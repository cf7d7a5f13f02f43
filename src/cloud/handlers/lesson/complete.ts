import { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { gradeQuiz, schoolTermOf } from '../../../domain/lessons';
import { defineAction } from '../../core/action';
import {
  completionId, guardianLessonId, lessonIdSchema, insertOnce, requireLesson, studentRecord, type CompletionDoc, type GuardianLessonDoc,
} from './shared';
import { applyTallies, guardianLessonWrites, lessonWrites } from '../targets/counts';
import { countyIdOf } from '../targets/directory';

/**
 * A student finished a lesson: grades the answers (one per question, in
 * quiz order) and records the completion once per student and lesson. The
 * record's id is student+lesson, so the same completion sent again (a retry,
 * or the offline queue replaying it under another request id) finds the
 * first one and answers `firstTime: false` with the first date. Only that a
 * lesson was done is kept, not the answers.
 */
export const complete = defineAction({
  name: 'lesson.complete',
  input: z
    .object({
      id: lessonIdSchema,
      answers: z
        .array(z.number({ invalid_type_error: '答案要选一个选项。' }).int('答案要选一个选项。').min(0, '答案要选一个选项。').max(9, '答案要选一个选项。'), {
          required_error: '请先做完小测验。',
          invalid_type_error: '答案格式不对。',
        })
        .max(5, '答案比题目多，请回到课程重新作答。'),
    })
    .strict(),
  labels: { id: '课程编号', answers: '小测验答案' },
  async handle(input, ctx) {
    const lesson = requireLesson(input.id);
    const roles = ctx.caller!.roles;
    const guardian = roles.filter((r) => r.role === 'guardian' && r.studentId);
    if (lesson.band === 'parent' && guardian.length === 0) {
      throw new AppError('BAD_INPUT', '这是给家长看的一课，不用完成小测验。请选你所在学段的课。');
    }
    if (input.answers.length !== lesson.quiz.length) {
      throw new AppError('BAD_INPUT', `这一课有 ${lesson.quiz.length} 道题，请每道题都选一个答案再完成。`);
    }
    if (input.answers.some((a, i) => a >= lesson.quiz[i].options.length)) {
      throw new AppError('BAD_INPUT', '有答案不在选项里，请回到课程重新作答。');
    }
    if (lesson.band === 'parent') {
      // A guardian read a parents' lesson: kept once per child's school, for the counts per school and term.
      const grade = gradeQuiz(lesson.quiz, input.answers);
      const at = ctx.clock.now().getTime();
      const term = schoolTermOf(ctx.clock.now());
      const schools = new Set<string>();
      for (const b of guardian) {
        const s = (await studentRecord(ctx, b.studentId))?.schoolId ?? b.schoolId;
        if (s) schools.add(s);
      }
      if (schools.size === 0) throw new AppError('FORBIDDEN', '还没有找到孩子的学校，请先用家长邀请码绑定孩子。');
      const reads = ctx.store.collection<GuardianLessonDoc>('guardian_lessons');
      let first = { firstTime: false, at };
      for (const schoolId of [...schools].sort()) {
        const doc = { _id: guardianLessonId(ctx.caller!.userId, lesson.id, schoolId, term), userId: ctx.caller!.userId, lessonId: lesson.id, schoolId, term, at, requestMark: ctx.newId('mark') };
        const r = await insertOnce(reads, doc);
        // the desk's count of guardians who read the parents' mental-health lesson, per school and semester (a replay adds nothing)
        await applyTallies(ctx.store, guardianLessonWrites({ ...doc, at: r.at }, await countyIdOf(ctx, schoolId)));
        if (r.firstTime) first = r;
        else if (!first.firstTime) first = r;
      }
      return { id: lesson.id, ...grade, firstTime: first.firstTime, completedAt: first.at };
    }
    const binding = roles.find((r) => r.role === 'student' && r.studentId);
    if (!binding) throw new AppError('FORBIDDEN', '只有学生可以记录完成课程。');
    const student = await studentRecord(ctx, binding.studentId);
    const grade = gradeQuiz(lesson.quiz, input.answers);

    const completions = ctx.store.collection<CompletionDoc>('lesson_completions');
    const doc: CompletionDoc = {
      _id: completionId(binding.studentId!, lesson.id),
      studentId: binding.studentId!,
      classId: student?.classId ?? binding.classId ?? null,
      schoolId: student?.schoolId ?? binding.schoolId ?? null,
      lessonId: lesson.id,
      at: ctx.clock.now().getTime(),
      requestMark: ctx.newId('mark'),
    };
    const { firstTime, at: completedAt } = await insertOnce(completions, doc);
    await applyTallies(ctx.store, lessonWrites({ ...doc, at: completedAt }, await countyIdOf(ctx, doc.schoolId)));
    return { id: lesson.id, ...grade, firstTime, completedAt };
  },
});
