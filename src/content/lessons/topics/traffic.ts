import type { Lesson } from '../types';

/** traffic: five versions (primary_lower, primary_upper, junior, senior, parent). */
export const lessons: Lesson[] = [];
