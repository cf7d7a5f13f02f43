/**
 * The 14 safety-education topics the action plan names, in the plan's order,
 * and which ones a season makes urgent (China-time months, inclusive; a rule
 * may wrap the year end, 11 → 2). Titles and one sentence only: this file is
 * small enough for the main package (the 课程 tab and 首页 use it); lesson
 * text lives in `topics/*` and is served by the cloud.
 */
import type { LessonTopic } from '../../domain/lessonTypes';

export type { LessonTopic, SeasonRule } from '../../domain/lessonTypes';

export const LESSON_TOPICS: readonly LessonTopic[] = [
  {
    id: 'drowning',
    title: '防溺水',
    summary: '不私自下水游泳，不去没有大人看护的河边、水库、鱼塘。',
    // 方案: 5-9月是防溺水重点时段
    season: { fromMonth: 5, toMonth: 9, reason: '5月到9月天气热，是溺水事故最多的时候。' },
  },
  { id: 'traffic', title: '交通安全', summary: '过马路走斑马线；不满16岁不骑电动车，没有驾照不骑摩托车；不坐超载车和黑车。' },
  {
    id: 'fire',
    title: '消防安全',
    summary: '不玩火，不乱接电线；着火时弯腰捂鼻，从安全出口离开，拨打119。',
    // DESIGN §5: winter letters stress fire, gas and fireworks
    season: { fromMonth: 11, toMonth: 2, reason: '冬天取暖用火用电多，又是放烟花爆竹的时候，要特别小心火灾。' },
  },
  { id: 'food', title: '食品安全', summary: '不买校门口没有证照的小摊食品，不吃过期、变质的东西，不采野生菌。' },
  { id: 'public_safety', title: '公共安全', summary: '人多的地方不拥挤，记住安全出口；走失了站在原地，找警察或穿制服的工作人员。' },
  { id: 'anti_terror', title: '反恐防暴', summary: '遇到暴力袭击先逃离、再躲藏，安全后拨打110，不围观、不传谣。' },
  { id: 'bullying', title: '防校园欺凌', summary: '被欺负不是你的错，要马上告诉老师和家长；看到别人被欺负也要说出来。' },
  { id: 'sexual_abuse', title: '防性侵', summary: '背心和短裤遮住的地方别人不能碰；有人让你不舒服，大声拒绝并告诉家长。' },
  { id: 'fraud_loans', title: '防诈骗与校园贷', summary: '不把银行卡、手机卡借给别人，不信“轻松借钱”“刷单赚钱”。' },
  { id: 'online', title: '网络安全与防沉迷', summary: '不在网上告诉陌生人家里地址和电话，不见网友，不沉迷游戏。' },
  { id: 'cult', title: '防邪教', summary: '邪教会用“治病”“消灾”骗人，遇到有人拉你参加奇怪的聚会，要告诉老师。' },
  { id: 'mental', title: '心理健康', summary: '难过、害怕的时候说出来就是勇敢；可以找老师、家长，或打12356。' },
  {
    id: 'disaster',
    title: '自然灾害',
    summary: '地震时先躲后撤；雨季远离河边和山脚，听到山响、看到浑水要马上往高处跑。',
    // 云南的雨季: 5-10月（与 src/domain/holiday.ts 的 landslide_flood 相同；来源见 docs/content-review.md）
    season: { fromMonth: 5, toMonth: 10, reason: '5月到10月是雨季，山洪、泥石流和滑坡最多。' },
  },
  { id: 'law', title: '法治', summary: '宪法、未成年人保护法、预防未成年人犯罪法保护我们，也告诉我们什么事不能做。' },
];

export const findTopic = (id: string | undefined): LessonTopic | undefined => LESSON_TOPICS.find((t) => t.id === id);
