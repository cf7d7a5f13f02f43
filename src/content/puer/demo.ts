/**
 * DEMO PEOPLE — every name here is made up. They let a newcomer click
 * through each role with a reusable invitation code (DEMO-STUDENT …) on the
 * local server. Production imports students from the school roll and issues
 * single-use codes.
 *
 * The demo centres on one class, 思茅区第一中学 八年级（2）班, so the student,
 * their parent, their class teacher, the school's psychology teacher and
 * safety officer, and the 思茅区 handlers and coordinators all meet in the
 * same cases.
 */
import { CITY, type Guardianship, type Invitation, type Student } from '../../domain/catalog';
import { catalog } from './catalog';
import { holidayCalendar } from './holidays';

/** The records the demo codes point at; tests and the README can name them. */
export const demoIds = {
  county: 'simao',
  school: 'sch-simao-1',
  class: 'cls-simao-1-8-2',
  /** 13 on 2026-11-28: under 14, so screening needs a guardian's consent. */
  student: 'stu-simao-1',
  /** 14 on 2026-11-28, same class: consents for themself. */
  olderStudent: 'stu-simao-2',
  policeDept: 'simao.police',
  eduDept: 'simao.edu',
} as const;

export const students: Student[] = [
  { id: 'stu-simao-1', name: '李小雨', schoolId: 'sch-simao-1', classId: 'cls-simao-1-8-2', grade: 8, birthDate: '2013-03-15' },
  { id: 'stu-simao-2', name: '张浩然', schoolId: 'sch-simao-1', classId: 'cls-simao-1-8-2', grade: 8, birthDate: '2012-09-05' },
  { id: 'stu-simao-3', name: '王梓涵', schoolId: 'sch-simao-1', classId: 'cls-simao-1-8-2', grade: 8, birthDate: '2013-06-21' },
  { id: 'stu-simao-4', name: '刀玉香', schoolId: 'sch-simao-1', classId: 'cls-simao-1-8-2', grade: 8, birthDate: '2012-12-02' },
  { id: 'stu-simao-5', name: '杨佳怡', schoolId: 'sch-simao-1', classId: 'cls-simao-1-8-2', grade: 8, birthDate: '2013-01-10' },
  // Another class and another school, so "my class only" and "my school only" can be seen to hold.
  { id: 'stu-simao-6', name: '陈思远', schoolId: 'sch-simao-1', classId: 'cls-simao-1-8-1', grade: 8, birthDate: '2013-02-14' },
  { id: 'stu-simao-7', name: '白雪晴', schoolId: 'sch-simao-2', classId: 'cls-simao-2-5-1', grade: 5, birthDate: '2016-04-03' },
  // Another county, so "my county only" can be seen to hold.
  { id: 'stu-ninger-1', name: '周子轩', schoolId: 'sch-ninger-1', classId: 'cls-ninger-1-8-1', grade: 8, birthDate: '2013-05-05' },
];

/** A child may have several guardians (parents working away, grandparents at home). */
export const guardianships: Guardianship[] = [
  { studentId: 'stu-simao-1', guardianName: '刘芳', relation: '母亲' },
  { studentId: 'stu-simao-1', guardianName: '李国荣', relation: '祖父' },
  { studentId: 'stu-simao-2', guardianName: '张建华', relation: '父亲' },
  { studentId: 'stu-simao-3', guardianName: '王丽', relation: '母亲' },
  { studentId: 'stu-simao-3', guardianName: '王强', relation: '父亲' },
  { studentId: 'stu-simao-4', guardianName: '刀岩罕', relation: '父亲' },
  { studentId: 'stu-simao-5', guardianName: '杨秀珍', relation: '祖母' },
  { studentId: 'stu-simao-6', guardianName: '陈红', relation: '母亲' },
  { studentId: 'stu-simao-7', guardianName: '白永明', relation: '父亲' },
  { studentId: 'stu-ninger-1', guardianName: '周敏', relation: '母亲' },
];

const SCHOOL = '思茅区第一中学';
const CLASS = '八年级（2）班';

/** Reusable demo codes: several browsers may play one role at once. */
export const invitations: Invitation[] = [
  {
    code: 'DEMO-STUDENT',
    binding: { role: 'student', schoolId: demoIds.school, classId: demoIds.class, studentId: demoIds.student },
    reusable: true,
    label: `演示学生：${SCHOOL}${CLASS} 李小雨（13岁）`,
  },
  {
    code: 'DEMO-PARENT',
    binding: { role: 'guardian', schoolId: demoIds.school, studentId: demoIds.student, guardianName: '刘芳', relation: '母亲' },
    reusable: true,
    label: `演示家长：李小雨的妈妈刘芳（${SCHOOL}${CLASS}）`,
  },
  {
    // The grandfather who looks after her while her parents work away: a second guardian who signs for himself.
    code: 'DEMO-GRANDPARENT',
    binding: { role: 'guardian', schoolId: demoIds.school, studentId: demoIds.student, guardianName: '李国荣', relation: '祖父' },
    reusable: true,
    label: `演示家长：李小雨的爷爷李国荣（${SCHOOL}${CLASS}）`,
  },
  {
    code: 'DEMO-TEACHER',
    binding: { role: 'class_teacher', schoolId: demoIds.school, classId: demoIds.class, displayName: '王丽华' },
    reusable: true,
    label: `演示班主任：${SCHOOL}${CLASS} 王丽华老师`,
  },
  {
    code: 'DEMO-PSY',
    binding: { role: 'psych_teacher', schoolId: demoIds.school, displayName: '陈静' },
    reusable: true,
    label: `演示心理健康教师：${SCHOOL} 陈静老师`,
  },
  {
    code: 'DEMO-SAFETY',
    binding: { role: 'school_safety_officer', schoolId: demoIds.school, displayName: '刘建国' },
    reusable: true,
    label: `演示学校安全专干：${SCHOOL} 刘建国`,
  },
  {
    code: 'DEMO-SCHOOL-ADMIN',
    binding: { role: 'school_admin', schoolId: demoIds.school, displayName: '周建明' },
    reusable: true,
    label: `演示学校管理员：${SCHOOL} 周建明`,
  },
  {
    code: 'DEMO-POLICE',
    binding: { role: 'handler', deptId: demoIds.policeDept, jurisdiction: demoIds.county, displayName: '赵明' },
    reusable: true,
    label: '演示部门处置人员：普洱市公安局思茅分局 赵明',
  },
  {
    code: 'DEMO-EDU',
    binding: { role: 'handler', deptId: demoIds.eduDept, jurisdiction: demoIds.county, displayName: '杨帆' },
    reusable: true,
    label: '演示部门处置人员：思茅区教育体育局 杨帆',
  },
  {
    code: 'DEMO-COORD-SIMAO',
    binding: { role: 'coordinator', jurisdiction: demoIds.county, displayName: '李卫东' },
    reusable: true,
    label: '演示协调员：思茅区委平安办 李卫东',
  },
  {
    code: 'DEMO-COORD',
    binding: { role: 'coordinator', jurisdiction: CITY, displayName: '段红梅' },
    reusable: true,
    label: '演示协调员：普洱市委平安办 段红梅',
  },
];

/**
 * An open screening at the demo school for grade 8, so DEMO-STUDENT has
 * something to answer (after DEMO-PARENT consents: she is 13). The window is
 * relative to the day the demo is seeded (a week back, three weeks ahead),
 * so it is open whenever `npm start` runs; re-seeding moves it along.
 */
export const demoCampaign = {
  id: 'cmp-demo-simao-1',
  name: '2026—2027学年第一学期 八年级心理健康测评',
  schoolYear: '2026-2027',
  semester: 1 as const,
  instrumentIds: ['phq-a', 'gad-7', 'asq'],
  grades: [8],
  schoolIds: [demoIds.school],
  opensDaysBefore: 7,
  closesDaysAfter: 21,
  consentText:
    '学校将组织八年级同学完成一次心理健康测评（约10分钟，共20道左右的选择题），了解孩子最近的心情和压力。' +
    '答案只有学校心理健康教师能看到，班主任只知道是否完成。如发现需要关心的情况，心理老师会联系您。' +
    '根据《个人信息保护法》，不满14周岁的孩子参加需要监护人同意。您可以同意，也可以不同意，不影响孩子的任何评价。' +
    '孩子提交之前，您随时可以在小程序里撤回同意，孩子还没提交的答案会马上删除；' +
    '如果孩子已经答到可能有危险的题目，心理老师收到的提醒会保留（只留提醒的原因，不留答案），以便及时关心孩子。' +
    '您也可以在小程序里申请查看、更正或删除孩子的记录，心理老师会在15天内答复。',
};

/**
 * The demo publishes the next holiday's letter early (from the day the one
 * before it closed), so a fresh `npm start` on any date has a letter to sign.
 */
export const demo = {
  students, guardianships, invitations, campaign: demoCampaign, holidayCalendar,
  // the demo schools and classes, written to the `schools` and `classes` collections by the seed
  schools: catalog.schools, classes: catalog.classes,
};

