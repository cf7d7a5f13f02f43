/**
 * What the workbench tells a staff member whose case action does not fit the
 * case's state (the state machine itself is src/domain/case.ts: STATE_ALLOWS).
 */
import type { CaseAction } from '../../../domain/case';
import type { CaseStatus } from '../../../domain/report';

/** Why an action is not possible in this state, in words for the person who tried. */
export const CONFLICT_MESSAGES: Record<CaseAction, Partial<Record<CaseStatus, string>>> = {
  acknowledge: {
    acknowledged: '这个案件已经有人接手了，请刷新页面查看最新情况。',
    resolved: '这个案件已经办结了，不需要再接手。',
  },
  reply: {
    new: '请先点“接手”受理这个案件，再回复举报人。',
    resolved: '这个案件已经办结了。如需继续处理，请先重新打开案件。',
  },
  note: {},
  transfer: { resolved: '这个案件已经办结了，不能再转交。如需继续处理，请先重新打开案件。' },
  resolve: {
    new: '请先点“接手”受理这个案件，核实情况后再办结。',
    resolved: '这个案件已经办结过了，请刷新页面查看最新情况。',
  },
  reopen: {
    new: '这个案件还没有办结，不需要重新打开。',
    acknowledged: '这个案件还在处理中，不需要重新打开。',
  },
};

/** Someone else changed the case between reading and writing it. */
export const RACE_MESSAGE = '这个案件刚刚被其他人处理过了，请刷新页面后再试。';
