import type { Lesson } from '../types';

/** anti_terror: five versions (primary_lower, primary_upper, junior, senior, parent). */
export const lessons: Lesson[] = [];
