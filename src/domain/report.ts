/**
 * The vocabulary of a report. The routing table itself (who leads, who is
 * informed, default priority) is data: `src/content/puer/routingTable.ts`,
 * applied by `routing.ts`.
 */
export const REPORT_CATEGORIES = [
  'bullying',          // 欺凌/校园暴力
  'sexual_abuse',      // 性侵/猥亵
  'staff_harm',        // 教职工侵害/体罚
  'drugs_porn',        // 针对学生的毒品、淫秽色情
  'fraud_loans',       // 诈骗、校园贷、传销、买卖手机卡银行卡
  'cult',              // 邪教或极端思想拉拢
  'venues',            // 网吧/KTV/酒吧/电竞酒店/民宿接纳未成年人
  'food_goods',        // 食品安全、假冒伪劣、有害玩具、给未成年人纹身
  'online',            // 网络有害信息、网络欺凌
  'tutoring',          // 违规校外培训
  'dangerous_water',   // 无人看管或无防护的危险水域
  'traffic',           // 校园周边交通隐患、非法营运、未成年人骑电动车
  'campus_facility',   // 校园设施或消防隐患
  'self_harm_risk',    // 有人可能伤害自己
  'other',
] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

export const WATER_TYPES = ['reservoir', 'river', 'fish_pond', 'dam_pond', 'construction_pit', 'park_water', 'sand_pit'] as const;
export type WaterType = (typeof WATER_TYPES)[number];

/** Yes/no follow-up answers that change routing. */
export const REPORT_FLAGS = ['injury', 'weapon', 'extortion', 'criminal'] as const;
export type ReportFlag = (typeof REPORT_FLAGS)[number];

export const RELATIONS = ['victim', 'witness', 'parent', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

export type Priority = 'P1' | 'P2' | 'P3';

/** Service levels (ours; the plan sets no hours): time to acknowledge. */
export const ACK_WITHIN_MS: Record<Priority, number> = {
  P1: 1 * 3600 * 1000,
  P2: 24 * 3600 * 1000,
  P3: 3 * 24 * 3600 * 1000,
};

/** A routing target: a department, or a school (its safety officer / psychology teacher). */
export type Unit =
  | { type: 'dept'; id: string; name: string }
  | { type: 'school'; id: string; name: string; staffRole: 'school_safety_officer' | 'psych_teacher' };

/** Id used in a case's `deptIds` list so one array query finds every case a unit may see. */
export const unitKey = (u: Unit) => (u.type === 'dept' ? u.id : `school:${u.id}:${u.staffRole}`);

export type CaseStatus = 'new' | 'acknowledged' | 'resolved';
export const DISPOSITIONS = ['substantiated', 'unfounded', 'false_or_prank', 'referred'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** Escalation level: 0 none, 1 county coordinator (平安办), 2 city coordinator. */
export type EscalationLevel = 0 | 1 | 2;
