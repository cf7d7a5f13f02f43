import type { Instrument } from '../../domain/screening';

const YES_NO = [
  { value: 1, label: '是' },
  { value: 0, label: '不是' },
  { value: 2, label: '我不想回答', declined: true },
];

/**
 * ASQ: Ask Suicide-Screening Questions (US National Institute of Mental
 * Health, Horowitz et al. 2012). Four yes/no questions; any yes, or
 * declining to answer one, makes the screen positive and brings the fifth
 * (acuity) question; a yes there is acute (imminent risk).
 *
 * The questions are asked directly on purpose, as NIMH says: asking about
 * suicide does not put the idea in a child's head, and plain words get
 * honest answers. Wording follows the English tool sentence for sentence in
 * the words of NIMH's Mandarin version (ASQ toolkit, "ASQ in other
 * languages"), including item 4's follow-up (how? when?), which the
 * psychology teacher asks in person after a yes. TO CONFIRM word for word
 * against NIMH's Mandarin PDF (docs/content-review.md).
 */
export const asq: Instrument = {
  id: 'asq',
  name: 'ASQ（自杀风险问题）',
  title: '几个很重要的问题',
  intro: '接下来有几个很重要的问题。我们会认真对待你的每一个回答，也会保护好你的隐私。',
  stem: '请按真实情况回答：',
  version: 'ASQ (NIMH) · 中文（普通话）版 2',
  licence: {
    holder: 'U.S. National Institute of Mental Health (NIMH)',
    terms: 'ASQ 工具包属于公有领域（public domain），可免费使用，无需申请许可。',
    source: 'https://www.nimh.nih.gov/research/research-conducted-at-nimh/asq-toolkit-materials',
  },
  items: [
    { id: 'q1', text: '在过去几个星期里，你是否希望自己已经死了？', options: YES_NO },
    { id: 'q2', text: '在过去几个星期里，你是否觉得如果你死了，你或你的家人会过得更好？', options: YES_NO },
    { id: 'q3', text: '在过去一个星期里，你是否有过想要自杀的念头？', options: YES_NO },
    {
      id: 'q4', text: '你曾经试过自杀吗？', options: YES_NO,
      followUp: '如果回答“是”：是怎么做的？是什么时候？',
    },
    { id: 'q5', text: '你现在有想要自杀的念头吗？', options: YES_NO, askIf: 'positive', scored: false },
  ],
  positive: {
    itemIds: ['q1', 'q2', 'q3', 'q4'],
    values: [1, 2],
    acute: { itemId: 'q5', values: [1, 2] },
    urgency: 'same_day',
    acuteUrgency: 'acute',
    reason: 'ASQ 阳性（前四题有“是”或不愿回答）',
    acuteReason: 'ASQ 急性阳性（现在就有结束生命的念头，或不愿回答）',
  },
};
