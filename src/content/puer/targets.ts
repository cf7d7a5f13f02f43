/**
 * The targets of 普洱市学生安全突出问题专项整治三年行动方案（2023-2025）, with the
 * plan's words, the year each applies and its lead department; and the
 * counts the lead departments report each month (what the app cannot see).
 *
 * Source: the plan text in shared/seed (三、工作目标; 四、(一) 1-5 the five
 * 专项行动; 四、(二) 1-2). Where the plan sets a figure "by the end of" a year,
 * the figure holds from that year on; after 2025 the 2025 figure holds
 * ("持续巩固"). Lead departments are the plan's 牵头单位 (the first one named
 * where it names several); county bureaus of the same kind file the county's
 * return.
 */
import type { FigureDef, TargetDef } from '../../domain/targets';

export const PLAN_YEARS = [2023, 2024, 2025] as const;

/** Day of the next month by which a month's return is due (a city's own choice; 5th is common for 月报). */
export const RETURN_DUE_DAY = 5;
/** How many days before the deadline (end of the due day) the scheduler reminds departments that have not filed: 3 = from the 3rd. */
export const RETURN_REMIND_DAYS = 3;

export const FIGURES: readonly FigureDef[] = [
  // 专项行动 1 防溺水 (牵头: 教育体育局)
  { id: 'drowning_deaths', label: '学生溺亡人数', unit: '人', lead: 'edu', kind: 'flow', children: true },
  // 三、工作目标: 涉校涉生安全事故 (教育体育局 keeps the school accident register)
  { id: 'school_accidents', label: '涉校涉生安全事故起数', unit: '起', lead: 'edu', kind: 'flow', children: false },
  // 专项行动 2 防事故 (牵头: 公安局)
  { id: 'traffic_deaths', label: '学生交通事故死亡人数', unit: '人', lead: 'police', kind: 'flow', children: true },
  // 专项行动 3 防侵害 (牵头: 公安局)
  { id: 'crimes_by_students', label: '学生实施犯罪案件数', unit: '起', lead: 'police', kind: 'flow', children: false },
  { id: 'crimes_against_students', label: '侵害学生犯罪案件数', unit: '起', lead: 'police', kind: 'flow', children: false },
  { id: 'sexual_assault_cases', label: '性侵未成年学生等恶性案件数', unit: '起', lead: 'police', kind: 'flow', children: true },
  // 专项行动 5 净环境 (牵头: 公安局 first named)
  { id: 'joint_inspections', label: '学校周边联合执法检查次数', unit: '次', lead: 'police', kind: 'flow', children: false },
  // 四、(二) 2 法治副校长 (教育主管部门摸清配备情况)
  { id: 'schools_total', label: '中小学校总数', unit: '所', lead: 'edu', kind: 'stock', children: false, help: '本县（区）中小学校数，月末数' },
  { id: 'law_vp_schools', label: '已配备法治副校长的中小学校数', unit: '所', lead: 'edu', kind: 'stock', children: false },
  { id: 'law_vp_talks', label: '法治副校长到校法治宣讲场次', unit: '场', lead: 'edu', kind: 'flow', children: false },
  // 专项行动 4 心健康
  { id: 'psych_teacher_schools', label: '配备专（兼）职心理健康教师的中小学校数', unit: '所', lead: 'edu', kind: 'stock', children: false },
  // 三、工作目标 平安校园
  { id: 'safe_campus_schools', label: '创建为省市级“平安校园”的学校数', unit: '所', lead: 'edu', kind: 'stock', children: false },
  // 专项行动 5 六T (食品安全: 市场监管局)
  { id: 'canteens_total', label: '学校食堂总数', unit: '个', lead: 'market', kind: 'stock', children: false },
  { id: 'canteens_6t', label: '实现“六T”管理并达标的学校食堂数', unit: '个', lead: 'market', kind: 'stock', children: false },
  // 四、(二) 1 警务室 (牵头: 教育体育局)
  { id: 'town_schools', label: '城镇及以上学校数', unit: '所', lead: 'edu', kind: 'stock', children: false },
  { id: 'police_room_schools', label: '已建警务室的城镇及以上学校数', unit: '所', lead: 'edu', kind: 'stock', children: false },
];

const ALL = Object.fromEntries(PLAN_YEARS.map((y) => [y, 100]));

export const TARGETS: readonly TargetDef[] = [
  {
    id: 'screening', name: '学生心理健康测评全覆盖', planRef: '专项行动4 心健康：中小学每学年开展1次全覆盖的学生心理健康测评',
    unit: '%', lead: 'edu', source: { kind: 'app', metric: 'screening' }, rule: { kind: 'atLeastPct', byYear: ALL, slack: 10 }, years: PLAN_YEARS,
  },
  {
    id: 'pledge', name: '家长学生包保全覆盖', planRef: '专项行动1 防溺水：家长学生包保全覆盖（假期告家长书签署）',
    unit: '%', lead: 'edu', source: { kind: 'app', metric: 'pledge' }, rule: { kind: 'atLeastPct', byYear: ALL, slack: 10 }, years: PLAN_YEARS,
  },
  {
    id: 'mh_education', name: '每学期至少1次面向家长和学生的心理健康教育', planRef: '专项行动4 心健康：每学期至少开展1次面向家长和学生的心理健康教育',
    unit: '%', lead: 'edu', source: { kind: 'app', metric: 'mhEducation' }, rule: { kind: 'atLeastPct', byYear: ALL, slack: 10 }, years: PLAN_YEARS,
  },
  {
    id: 'drowning', name: '学生溺亡人数每年下降10%', planRef: '专项行动1 防溺水',
    unit: '人', lead: 'edu', source: { kind: 'figure', figureId: 'drowning_deaths' }, rule: { kind: 'decline', pctByYear: { 2023: 10 } }, years: PLAN_YEARS,
  },
  {
    id: 'traffic', name: '学生交通事故死亡人数每年下降10%', planRef: '专项行动2 防事故',
    unit: '人', lead: 'police', source: { kind: 'figure', figureId: 'traffic_deaths' }, rule: { kind: 'decline', pctByYear: { 2023: 10 } }, years: PLAN_YEARS,
  },
  {
    id: 'sexual_assault', name: '性侵未成年学生等恶性案件每年下降10%', planRef: '专项行动3 防侵害',
    unit: '起', lead: 'police', source: { kind: 'figure', figureId: 'sexual_assault_cases' }, rule: { kind: 'decline', pctByYear: { 2023: 10 } }, years: PLAN_YEARS,
  },
  {
    id: 'crimes_by_students', name: '学生实施犯罪案件下降（“双下降”之一）', planRef: '三、工作目标；专项行动3 防侵害',
    unit: '起', lead: 'police', source: { kind: 'figure', figureId: 'crimes_by_students' }, rule: { kind: 'decline', pctByYear: { 2023: 0 } }, years: PLAN_YEARS,
  },
  {
    id: 'crimes_against_students', name: '侵害学生犯罪案件下降（“双下降”之一）', planRef: '三、工作目标；专项行动3 防侵害',
    unit: '起', lead: 'police', source: { kind: 'figure', figureId: 'crimes_against_students' }, rule: { kind: 'decline', pctByYear: { 2023: 0 } }, years: PLAN_YEARS,
  },
  {
    id: 'accidents', name: '涉校涉生安全事故同比下降', planRef: '三、工作目标：2023年下降10%，2024年下降20%，2025年持续下降',
    unit: '起', lead: 'edu', source: { kind: 'figure', figureId: 'school_accidents' }, rule: { kind: 'decline', pctByYear: { 2023: 10, 2024: 20, 2025: 0 } }, years: PLAN_YEARS,
  },
  {
    id: 'inspections', name: '每年开展不少于2次联合执法检查', planRef: '专项行动5 净环境（每个县区）',
    unit: '次', lead: 'police', source: { kind: 'perYear', figureId: 'joint_inspections', per: 'county' }, rule: { kind: 'atLeastCount', byYear: { 2023: 2 } }, years: PLAN_YEARS,
  },
  {
    id: 'law_vp', name: '中小学法治副校长100%配备', planRef: '四、(二)2：力争2023年底前100%配备',
    unit: '%', lead: 'edu', source: { kind: 'ratio', figureId: 'law_vp_schools', ofFigureId: 'schools_total' }, rule: { kind: 'atLeastPct', byYear: { 2023: 100 }, slack: 10 }, years: PLAN_YEARS,
  },
  {
    id: 'law_vp_talks', name: '法治副校长每年到校宣讲不少于2场', planRef: '四、(二)2',
    unit: '场/人', lead: 'edu', source: { kind: 'perYear', figureId: 'law_vp_talks', per: { figureId: 'law_vp_schools' } }, rule: { kind: 'atLeastCount', byYear: { 2023: 2 } }, years: PLAN_YEARS,
  },
  {
    id: 'psych_teachers', name: '每所中小学至少配备1名专（兼）职心理健康教师', planRef: '专项行动4 心健康',
    unit: '%', lead: 'edu', source: { kind: 'ratio', figureId: 'psych_teacher_schools', ofFigureId: 'schools_total' }, rule: { kind: 'atLeastPct', byYear: ALL, slack: 10 }, years: PLAN_YEARS,
  },
  {
    id: 'safe_campus', name: '省市级“平安校园”创建率', planRef: '三、工作目标：2023年60%，2024年70%以上，2025年80%以上',
    unit: '%', lead: 'edu', source: { kind: 'ratio', figureId: 'safe_campus_schools', ofFigureId: 'schools_total' }, rule: { kind: 'atLeastPct', byYear: { 2023: 60, 2024: 70, 2025: 80 }, slack: 10 }, years: PLAN_YEARS,
  },
  {
    id: 'canteen_6t', name: '学校食堂“六T”管理100%全覆盖', planRef: '专项行动5 净环境：2024年底实现',
    unit: '%', lead: 'market', source: { kind: 'ratio', figureId: 'canteens_6t', ofFigureId: 'canteens_total' }, rule: { kind: 'atLeastPct', byYear: { 2024: 100 }, slack: 10 }, years: [2024, 2025],
  },
  {
    id: 'police_rooms', name: '城镇及以上学校警务室全覆盖', planRef: '四、(二)1：确保到2025年底实现全覆盖',
    unit: '%', lead: 'edu', source: { kind: 'ratio', figureId: 'police_room_schools', ofFigureId: 'town_schools' }, rule: { kind: 'atLeastPct', byYear: { 2025: 100 }, slack: 10 }, years: [2025],
  },
];
