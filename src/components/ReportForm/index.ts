/**
 * The report form's questions, one component each. The anonymous form shows
 * them one per screen; the staff's 强制报告 shows them on one page.
 */
import './index.scss';

export { default as CategoryField } from './CategoryField';
export { default as FollowUpsField } from './FollowUpsField';
export { default as PlaceField } from './PlaceField';
export { default as WhenField } from './WhenField';
export { default as DescriptionField } from './DescriptionField';
export { default as PhotosField } from './PhotosField';
export { default as RelationField } from './RelationField';
export { default as ReviewList, placeText } from './ReviewList';
export { reportWordsOf, type ReportWords } from './vocabulary';
export { whenText } from './when';

/** The question each step asks, and a line of help under it. */
export const STEP_TITLES = {
  category: { title: '发生了什么事？', hint: '选一个最接近的。不确定的话，就选最后的“其他安全问题”。' },
  followUps: { title: '再回答几个小问题', hint: '这些回答能帮我们更快找到该管这件事的部门。' },
  place: { title: '事情发生在哪里？', hint: '我们会交给当地负责的部门处理。' },
  when: { title: '事情是什么时候发生的？', hint: '记不清也没关系，可以选“不记得了”。' },
  description: { title: '请说说发生了什么', hint: '写得越清楚，处理人员越快能帮上忙。' },
  photos: { title: '有照片吗？', hint: '可以不放照片，直接点“下一步”。' },
  relation: { title: '你和这件事是什么关系？', hint: '可以不说。' },
  review: { title: '检查一下，没问题就提交', hint: '点“修改”可以回去改。提交后会给你查询码和密码。' },
} as const;
