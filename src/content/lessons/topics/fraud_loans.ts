import type { Lesson } from '../types';

/** fraud_loans: five versions (primary_lower, primary_upper, junior, senior, parent). */
export const lessons: Lesson[] = [];
