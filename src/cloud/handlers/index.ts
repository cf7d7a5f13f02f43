import type { ActionDef } from '../core/action';
import { authActions } from './auth';
import { catalogActions } from './catalog';
import { commitmentActions } from './commitment';
import { holidayActions } from './holiday';
import { homeActions } from './home';
import { lessonActions } from './lesson';
import { caseActions } from './case';
import { reminderActions } from './reminder';
import { reportActions } from './report';
import { uploadActions } from './upload';
import { campaignActions } from './campaign';
import { screeningActions } from './screening';
import { schoolActions } from './school';
import { classActions } from './class';
import { rosterActions } from './roster';
import { inviteActions } from './invite';
import { guardianActions } from './guardian';
import { staffActions } from './staff';
import { rolloverActions } from './rollover';
import { studentActions } from './student';
import { figuresActions } from './figures';
import { targetsActions } from './targets';

/** Every action the `api` cloud function answers, by name. */
export const actions: ReadonlyMap<string, ActionDef> = new Map(
  ([...authActions, ...catalogActions, ...homeActions, ...reportActions, ...caseActions, ...uploadActions,
    ...lessonActions, ...campaignActions, ...screeningActions, ...holidayActions, ...commitmentActions, ...reminderActions,
    ...schoolActions, ...classActions, ...rosterActions, ...inviteActions, ...guardianActions, ...staffActions,
    ...rolloverActions, ...studentActions, ...targetsActions, ...figuresActions] as ActionDef[]).map((a) => [a.name, a]),
);
