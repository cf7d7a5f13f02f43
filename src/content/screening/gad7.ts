import type { Instrument } from '../../domain/screening';
import { FREQUENCY } from './options';

/**
 * GAD-7: Generalized Anxiety Disorder 7-item scale (Spitzer, Kroenke,
 * Williams & Löwe 2006). Total 0-21; published cut-offs 5 / 10 / 15.
 *
 * The Chinese is our own plain-language rendering for children; see the
 * note in phqA.ts before using it in a real campaign.
 */
export const gad7: Instrument = {
  id: 'gad-7',
  name: 'GAD-7（焦虑筛查）',
  title: '最近的担心和紧张',
  intro: '下面几句话说的是最近两个星期你会不会紧张、担心。按你真实的感觉选就好。',
  stem: '最近两个星期里，下面的情况你有多少天会遇到？',
  version: 'GAD-7 2006 · 护航中文儿童版 1',
  licence: {
    holder: 'Pfizer Inc.（GAD-7 由 Spitzer、Kroenke、Williams、Löwe 编制）',
    terms: 'GAD-7 版权归 Pfizer 所有，可免费复制、翻译、展示和分发，无需申请许可。',
    source: 'https://www.phqscreeners.com',
  },
  items: [
    { id: 'q1', text: '觉得紧张、心里发慌，或者心里不踏实', options: FREQUENCY },
    { id: 'q2', text: '担心的事情停不下来，也控制不住', options: FREQUENCY },
    { id: 'q3', text: '对很多不同的事情担心太多', options: FREQUENCY },
    { id: 'q4', text: '很难放松下来', options: FREQUENCY },
    { id: 'q5', text: '心里烦躁，坐也坐不住', options: FREQUENCY },
    { id: 'q6', text: '很容易生气，或者很容易不耐烦', options: FREQUENCY },
    { id: 'q7', text: '害怕会有很糟糕的事情发生', options: FREQUENCY },
  ],
  // A total of 10 or more (the published referral cut-off, Spitzer et al. 2006) brings a routine follow-up within 7 days.
  total: {
    bands: [
      { key: 'minimal', min: 0, level: 0, label: '无或极轻微' },
      { key: 'mild', min: 5, level: 1, label: '轻度' },
      { key: 'moderate', min: 10, level: 2, label: '中度', alert: 'week' },
      { key: 'severe', min: 15, level: 4, label: '重度', alert: 'week' },
    ],
  },
};
