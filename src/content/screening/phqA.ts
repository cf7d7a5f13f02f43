import type { Instrument } from '../../domain/screening';
import { FREQUENCY } from './options';

/**
 * PHQ-A: the Patient Health Questionnaire-9 in its adolescent wording
 * (Johnson, Harris, Spitzer & Williams 2002). Total 0-27; published cut-offs
 * 5 / 10 / 15 / 20. Item 9 is critical whenever it is above 0.
 *
 * Wording: the published Simplified Chinese PHQ-9 (Pfizer's translation,
 * phqscreeners.com) item for item, in PHQ-A's order, with PHQ-A's adolescent
 * changes added in the same style (q1 烦躁 for "irritable", q4 体重减轻 for
 * "weight loss", q7 做功课 for "school work") and 你 for 您. Options as
 * published (options.ts). To confirm against a validated Chinese PHQ-A if
 * the school's psychologist uses one (docs/content-review.md).
 */
export const phqA: Instrument = {
  id: 'phq-a',
  name: 'PHQ-A（青少年抑郁量表）',
  title: '最近的心情',
  intro: '下面几句话说的是最近两个星期你的心情和身体。没有对错，按你真实的感觉选就好。',
  stem: '在过去两个星期，有多少时候你受到以下问题困扰？',
  version: 'PHQ-A 2002 · 简体中文版（据 PHQ-9 中文版）2',
  licence: {
    holder: 'Pfizer Inc.（PHQ 系列量表由 Spitzer、Williams、Kroenke 等编制）',
    terms: 'PHQ 量表版权归 Pfizer 所有，可免费复制、翻译、展示和分发，无需申请许可。',
    source: 'https://www.phqscreeners.com',
  },
  items: [
    { id: 'q1', text: '感到心情低落、沮丧、烦躁或绝望', options: FREQUENCY },
    { id: 'q2', text: '做事时提不起劲或没有兴趣', options: FREQUENCY },
    { id: 'q3', text: '入睡困难、睡不安稳或睡眠过多', options: FREQUENCY },
    { id: 'q4', text: '食欲不振、体重减轻或吃太多', options: FREQUENCY },
    { id: 'q5', text: '感觉疲倦或没有活力', options: FREQUENCY },
    { id: 'q6', text: '觉得自己很糟，或觉得自己很失败，或让自己或家人失望', options: FREQUENCY },
    { id: 'q7', text: '对事物专注有困难，例如做功课、阅读或看电视时', options: FREQUENCY },
    { id: 'q8', text: '动作或说话速度缓慢到别人已经觉察？或正好相反：烦躁或坐立不安、动来动去的情况更胜于平常', options: FREQUENCY },
    { id: 'q9', text: '有不如死掉或用某种方式伤害自己的念头', options: FREQUENCY },
  ],
  // A total of 10 or more (the published referral cut-off, Kroenke et al. 2001; in adolescents 11 is the
  // optimum, Richardson et al., Pediatrics 2010) brings a routine follow-up within 7 days, even with item 9 at 0.
  total: {
    bands: [
      { key: 'minimal', min: 0, level: 0, label: '无或极轻微' },
      { key: 'mild', min: 5, level: 1, label: '轻度' },
      { key: 'moderate', min: 10, level: 2, label: '中度', alert: 'week' },
      { key: 'moderately_severe', min: 15, level: 3, label: '中重度', alert: 'week' },
      { key: 'severe', min: 20, level: 4, label: '重度', alert: 'week' },
    ],
  },
  critical: [
    { itemId: 'q9', values: [1, 2, 3], urgency: 'same_day', reason: 'PHQ-A 第9题（死亡或自伤的念头）不为0' },
  ],
};
