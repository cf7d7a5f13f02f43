import type { ActionDef } from '../../core/action';
import { completion } from './completion';
import { consent } from './consent';
import { current } from './current';
import { file } from './file';
import { fileUpdate } from './fileUpdate';
import { nudge } from './nudge';
import { paperConsent } from './paperConsent';
import { readLog } from './readLog';
import { answerRequest } from './answerRequest';
import { request } from './request';
import { requests } from './requests';
import { results } from './results';
import { saveDraft } from './saveDraft';
import { stats } from './stats';
import { submit } from './submit';

/** screening.* actions: answering, consent, results, 一生一策 files, completion, aggregates. */
export const screeningActions: ActionDef[] = [current, consent, saveDraft, submit, results, file, fileUpdate, completion, nudge, stats,
  paperConsent, request, requests, answerRequest, readLog] as ActionDef[];
