/** The rollover subpackage's calls (rollover.preview / rollover.apply), through services/api. */
import { call, write, type WriteOptions } from '../services/api';

export interface ClassChangeView {
  classId: string;
  action: 'promote' | 'graduate';
  className: string;
  from: { grade: number; name: string };
  to?: { grade: number; name: string };
  students: number;
}

export interface RolloverPreview {
  schoolId: string;
  schoolName: string;
  year: number;
  date: string;
  applied: boolean;
  appliedAt: number | null;
  classes: ClassChangeView[];
  promotedClasses: number;
  graduatingClasses: number;
  graduatingStudents: number;
}

export interface RolloverApplied {
  schoolId: string; year: number; date: string; alreadyApplied: boolean;
  promoted: number; graduated: number; students: number; bindingsEnded: number;
}

export const rolloverApi = {
  preview: (schoolId: string) => call<RolloverPreview>('rollover.preview', { schoolId }),
  /** the schools I manage or coordinate, as records (a school added by the county is not in the content catalog) */
  schools: () => call<{ schools: Array<{ id: string; name: string; status: string }> }>('school.list', {}),
  apply: (schoolId: string, options?: WriteOptions) => write<RolloverApplied>('rollover.apply', { schoolId }, options),
};
