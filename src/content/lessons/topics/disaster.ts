import type { Lesson } from '../types';

/** disaster: five versions (primary_lower, primary_upper, junior, senior, parent). */
export const lessons: Lesson[] = [];
