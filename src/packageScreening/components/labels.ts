import type { Urgency } from '../../domain/screening';

export const URGENCY_LABEL: Record<Urgency, string> = { acute: '紧急（1小时内）', same_day: '当天内', week: '7天内' };
export const COMPLETION_LABEL: Record<string, string> = {
  finished: '已完成', not_finished: '未完成', awaiting_consent: '等待家长同意', declined: '家长不同意参加',
};
export const STATUS_LABEL: Record<string, string> = { routine: '常规', watch: '重点关注', closed: '已结案' };
export const HOW_LABEL: Record<string, string> = { in_person: '当面', phone: '电话', app: '小程序', letter: '书面' };
export const KIND_LABEL: Record<string, string> = { plan: '辅导计划', followup: '跟进', notification: '告知家长', referral: '转介', status: '状态' };
