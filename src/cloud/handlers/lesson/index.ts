import { classSession } from './classSession';
import { classSessionUndo } from './classSessionUndo';
import { complete } from './complete';
import { get } from './get';
import { list } from './list';
import { progress } from './progress';

export const lessonActions = [list, get, complete, classSession, classSessionUndo, progress];
