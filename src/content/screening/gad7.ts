import type { Instrument } from '../../domain/screening';
import { FREQUENCY } from './options';

/**
 * GAD-7: Generalized Anxiety Disorder 7-item scale (Spitzer, Kroenke,
 * Williams & Löwe 2006). Total 0-21; published cut-offs 5 / 10 / 15.
 *
 * Wording: the published Simplified Chinese GAD-7 (Pfizer's translation,
 * phqscreeners.com) item for item, with 你 for 您; options as published
 * (options.ts). See docs/content-review.md.
 */
export const gad7: Instrument = {
  id: 'gad-7',
  name: 'GAD-7（焦虑量表）',
  title: '最近的担心和紧张',
  intro: '下面几句话说的是最近两个星期你会不会紧张、担心。按你真实的感觉选就好。',
  stem: '在过去两个星期，有多少时候你受到以下问题困扰？',
  version: 'GAD-7 2006 · 简体中文版 2',
  licence: {
    holder: 'Pfizer Inc.（GAD-7 由 Spitzer、Kroenke、Williams、Löwe 编制）',
    terms: 'GAD-7 版权归 Pfizer 所有，可免费复制、翻译、展示和分发，无需申请许可。',
    source: 'https://www.phqscreeners.com',
  },
  items: [
    { id: 'q1', text: '感觉紧张、焦虑或急切', options: FREQUENCY },
    { id: 'q2', text: '不能够停止或控制担忧', options: FREQUENCY },
    { id: 'q3', text: '对各种各样的事情担忧过多', options: FREQUENCY },
    { id: 'q4', text: '很难放松下来', options: FREQUENCY },
    { id: 'q5', text: '由于不安而无法静坐', options: FREQUENCY },
    { id: 'q6', text: '变得容易烦恼或急躁', options: FREQUENCY },
    { id: 'q7', text: '感到似乎将有可怕的事情发生而害怕', options: FREQUENCY },
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
