import type { Lesson } from '../types';

/** food: five versions (primary_lower, primary_upper, junior, senior, parent). */
export const lessons: Lesson[] = [];
