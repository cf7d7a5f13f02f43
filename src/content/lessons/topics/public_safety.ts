import type { Lesson } from '../types';

/** public_safety: five versions (primary_lower, primary_upper, junior, senior, parent). */
export const lessons: Lesson[] = [];
