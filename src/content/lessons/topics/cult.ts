import type { Lesson } from '../types';

/** cult: five versions (primary_lower, primary_upper, junior, senior, parent). */
export const lessons: Lesson[] = [];
