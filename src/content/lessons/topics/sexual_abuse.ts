import type { Lesson } from '../types';

/** sexual_abuse: five versions (primary_lower, primary_upper, junior, senior, parent). */
export const lessons: Lesson[] = [];
