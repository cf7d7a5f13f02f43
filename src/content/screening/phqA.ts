import type { Instrument } from '../../domain/screening';
import { FREQUENCY } from './options';

/**
 * PHQ-A: the Patient Health Questionnaire-9 in its adolescent wording
 * (Johnson, Harris, Spitzer & Williams 2002). Total 0-27; published cut-offs
 * 5 / 10 / 15 / 20. Item 9 is critical whenever it is above 0.
 *
 * The Chinese below is our own plain-language rendering for children from
 * about 10 years old, kept close to each item's meaning; it has not been
 * validated as a separate translation. Before a real campaign a school
 * psychologist should compare it with a validated Chinese PHQ-9.
 */
export const phqA: Instrument = {
  id: 'phq-a',
  name: 'PHQ-A（青少年抑郁筛查）',
  title: '最近的心情',
  intro: '下面几句话说的是最近两个星期你的心情和身体。没有对错，按你真实的感觉选就好。',
  stem: '最近两个星期里，下面的情况你有多少天会遇到？',
  version: 'PHQ-A 2002 · 护航中文儿童版 1',
  licence: {
    holder: 'Pfizer Inc.（PHQ 系列量表由 Spitzer、Williams、Kroenke 等编制）',
    terms: 'PHQ 量表版权归 Pfizer 所有，可免费复制、翻译、展示和分发，无需申请许可。',
    source: 'https://www.phqscreeners.com',
  },
  items: [
    { id: 'q1', text: '觉得心情不好、难过、容易发脾气，或者觉得没有希望', options: FREQUENCY },
    { id: 'q2', text: '对做事情没什么兴趣，做什么都不开心', options: FREQUENCY },
    { id: 'q3', text: '睡不着、睡不踏实，或者睡得太多', options: FREQUENCY },
    { id: 'q4', text: '不想吃饭、变瘦了，或者吃得太多', options: FREQUENCY },
    { id: 'q5', text: '觉得很累，没有力气', options: FREQUENCY },
    { id: 'q6', text: '觉得自己不好，觉得自己很失败，或者觉得让自己、让家人失望了', options: FREQUENCY },
    { id: 'q7', text: '很难集中注意力，比如做作业、看书或者看电视的时候', options: FREQUENCY },
    { id: 'q8', text: '动作或说话慢到别人都看得出来；或者正好相反，坐立不安，比平时动来动去多很多', options: FREQUENCY },
    { id: 'q9', text: '想到自己死了会更好，或者想用某种方式伤害自己', options: FREQUENCY },
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
