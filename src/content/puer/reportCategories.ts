/**
 * The words of the report form and the case workbench: what each kind of
 * report is called, what it means in words a 10-year-old or a grandparent
 * understands, and which follow-up questions it asks. The questions are the
 * ones the routing table listens to (a yes to "有没有人受伤？" in a bullying
 * report brings in the police), so copy and table must agree — the catalog
 * test checks that they do.
 */
import type { CaseStatus, Disposition, EscalationLevel, Priority, ReportCategory, ReportFlag, Relation, WaterType } from '../../domain/report';
import { ACK_WITHIN_MS } from '../../domain/report';

export interface ReportCategoryCopy {
  id: ReportCategory;
  /** Short name on the category button and in the workbench. */
  name: string;
  /** One or two sentences telling a child what belongs here. */
  description: string;
  /** The same for staff filing a named 强制报告 (a child's "你" does not fit); absent where the child's words do. */
  staffDescription?: string;
  /** A taro-ui AtIcon value. */
  icon: string;
  /** For places that show an emoji instead of an icon font (lists, subscription messages). */
  emoji: string;
  /** Yes/no follow-up questions asked for this category (texts in FLAG_QUESTIONS). */
  flags: readonly ReportFlag[];
  /** The reporter must say what kind of water it is (names in WATER_TYPE_NAMES). */
  asksWaterType: boolean;
}

/** In the order the form shows them: the most common and most urgent first, "other" last. */
export const reportCategories: readonly ReportCategoryCopy[] = [
  {
    id: 'bullying',
    name: '欺凌、校园暴力',
    description: '有人一次又一次欺负你或同学：打人、骂人、起难听的外号、故意不让别人和他玩、抢东西、逼着要钱。',
    staffDescription: '学生之间反复发生的欺凌：殴打、辱骂、起侮辱性外号、孤立排挤、抢夺财物、强行索要钱物。',
    icon: 'alert-circle',
    emoji: '👊',
    flags: ['injury', 'weapon', 'extortion'],
    asksWaterType: false,
  },
  {
    id: 'sexual_abuse',
    name: '性侵、猥亵',
    description: '有人摸你的隐私部位（背心和短裤盖住的地方），或者让你看、摸他的隐私部位，还让你保密。这不是你的错，说出来是对的。',
    staffDescription: '学生遭受性侵害或猥亵的迹象或陈述，包括被要求保密的身体接触。',
    icon: 'lock',
    emoji: '🔒',
    flags: [],
    asksWaterType: false,
  },
  {
    id: 'staff_harm',
    name: '老师或学校工作人员伤害学生',
    description: '老师或学校里的工作人员打学生、罚站罚跑很久、用很难听的话骂学生，或者碰你的身体让你不舒服。',
    staffDescription: '教职员工体罚、变相体罚、言语侮辱学生，或对学生有不当身体接触。',
    icon: 'blocked',
    emoji: '🚫',
    flags: ['criminal'],
    asksWaterType: false,
  },
  {
    id: 'self_harm_risk',
    name: '有人可能伤害自己',
    description: '你或你认识的人说“不想活了”、划伤自己，或者最近一直特别难过。如果现在就有危险，请马上打110或120，并告诉身边的大人。',
    staffDescription: '学生流露轻生念头、有自伤行为，或长期情绪低落。正在发生危险时请先拨打110或120。',
    icon: 'heart',
    emoji: '💗',
    flags: [],
    asksWaterType: false,
  },
  {
    id: 'dangerous_water',
    name: '危险水域',
    description: '水库、河边、鱼塘、坝塘、工地积水坑、挖沙留下的深水坑，没有围栏、没有警示牌，也没有人看管。',
    icon: 'map-pin',
    emoji: '🌊',
    flags: [],
    asksWaterType: true,
  },
  {
    id: 'traffic',
    name: '交通安全隐患',
    description: '学校附近车开得太快、没有斑马线或减速带；有车非法拉学生、坐太多人；不满16岁的学生骑电动车、摩托车。',
    icon: 'lightning-bolt',
    emoji: '🚦',
    flags: [],
    asksWaterType: false,
  },
  {
    id: 'campus_facility',
    name: '校园设施、消防隐患',
    description: '学校里的墙、栏杆、楼梯、电线坏了，灭火器过期了，或者安全出口被东西堵住了。',
    icon: 'home',
    emoji: '🏫',
    flags: [],
    asksWaterType: false,
  },
  {
    id: 'online',
    name: '网上有害信息、网络欺凌',
    description: '网上有人骂你、乱改你的照片、到处传你的隐私，或者你看到教人伤害自己、赌博、打架的内容。',
    staffDescription: '学生遭受网络欺凌、照片被恶意篡改或隐私被传播，或接触到自伤、赌博、暴力等有害内容。',
    icon: 'iphone',
    emoji: '📱',
    flags: [],
    asksWaterType: false,
  },
  {
    id: 'fraud_loans',
    name: '诈骗、校园贷、传销、买卖手机卡银行卡',
    description: '有人骗学生的钱，借给学生要还很多利息的钱，拉人入伙说能赚“大钱”，或者想买、借你的手机卡和银行卡。',
    staffDescription: '针对学生的诈骗、高利放贷、传销拉人，或收购、租借学生的手机卡和银行卡。',
    icon: 'money',
    emoji: '💰',
    flags: [],
    asksWaterType: false,
  },
  {
    id: 'drugs_porn',
    name: '毒品、黄色内容',
    description: '有人给学生看或卖黄色图片视频，或者让学生尝、帮忙带来历不明的药片、粉末、“奇怪的烟”。',
    icon: 'close-circle',
    emoji: '💊',
    flags: [],
    asksWaterType: false,
  },
  {
    id: 'cult',
    name: '邪教、极端思想拉拢',
    description: '有人劝你加入奇怪的组织，说“信了就能消灾、生病不用看医生”，或者教你恨别人、不让你告诉家里人。',
    staffDescription: '有人引诱学生加入邪教或极端组织、宣扬“信教治病”、煽动仇恨或要求对家人保密。',
    icon: 'eye',
    emoji: '⚠️',
    flags: [],
    asksWaterType: false,
  },
  {
    id: 'venues',
    name: '网吧、KTV、酒吧等让学生进入',
    description: '网吧、KTV、酒吧、电竞酒店、民宿这些地方让中小学生进去玩、过夜，或者卖酒、卖烟给学生。',
    icon: 'sound',
    emoji: '🎤',
    flags: [],
    asksWaterType: false,
  },
  {
    id: 'food_goods',
    name: '食品安全、假冒伪劣、有害玩具、给学生纹身',
    description: '食堂或校门口小店卖过期、不干净的东西，卖没有厂名厂址的零食、危险的玩具，或者有人给学生纹身。',
    icon: 'shopping-bag',
    emoji: '🍔',
    flags: [],
    asksWaterType: false,
  },
  {
    id: 'tutoring',
    name: '违规校外培训',
    description: '校外补习班偷偷上课、乱收费、没有办学许可，或者有老师要求学生去他那里花钱补课。',
    icon: 'bookmark',
    emoji: '📚',
    flags: [],
    asksWaterType: false,
  },
  {
    id: 'other',
    name: '其他安全问题',
    description: '上面都没有，但让你觉得不安全、不放心的事，也可以告诉我们。',
    staffDescription: '以上类别都不符合、但危及学生安全的情况。',
    icon: 'help',
    emoji: '❓',
    flags: [],
    asksWaterType: false,
  },
];

export const WATER_TYPE_NAMES: Record<WaterType, string> = {
  reservoir: '水库',
  river: '河流、江边',
  fish_pond: '鱼塘',
  dam_pond: '坝塘（村里拦水的塘子）',
  construction_pit: '工地积水坑',
  park_water: '公园里的湖、水池',
  sand_pit: '河边挖沙、洗石留下的深水坑',
};

/** The follow-up questions, asked as yes/no. */
export const FLAG_QUESTIONS: Record<ReportFlag, string> = {
  injury: '有没有人受伤？',
  weapon: '有没有用刀、棍子、砖头这类东西？',
  extortion: '有没有逼着要钱，或者抢东西？',
  criminal: '有没有打人、乱摸隐私部位（猥亵）等可能违法的行为？',
};

/** How a yes to each question reads on the case in the workbench. */
export const FLAG_NAMES: Record<ReportFlag, string> = {
  injury: '有人受伤',
  weapon: '使用了器械',
  extortion: '勒索钱物',
  criminal: '可能违法犯罪',
};

/** Who the reporter is to what happened, as the workbench shows it. */
export const RELATION_NAMES: Record<Relation, string> = {
  victim: '当事人本人',
  witness: '看到或知道的人',
  parent: '家长',
  other: '其他人',
};

/** The same choice as the form asks it, in the reporter's own voice. */
export const RELATION_CHOICES: Record<Relation, string> = {
  victim: '这件事发生在我身上',
  witness: '我看到了，或者听说了',
  parent: '我是孩子的家长',
  other: '其他',
};

export const PRIORITY_NAMES: Record<Priority, string> = { P1: '紧急', P2: '较急', P3: '一般' };

/**
 * "1小时内", "24小时内", "3天内" — derived from the service levels so the
 * promise cannot drift from the rule. Up to a day reads better in hours.
 */
const DAY_MS = 24 * 3600 * 1000;
const withinText = (ms: number) => (ms > DAY_MS && ms % DAY_MS === 0 ? `${ms / DAY_MS}天内` : `${ms / 3600000}小时内`);
export const PRIORITY_PROMISES: Record<Priority, string> = {
  P1: `${withinText(ACK_WITHIN_MS.P1)}会有人接手`,
  P2: `${withinText(ACK_WITHIN_MS.P2)}会有人接手`,
  P3: `${withinText(ACK_WITHIN_MS.P3)}会有人接手`,
};

export const STATUS_NAMES: Record<CaseStatus, string> = {
  new: '等待接手',
  acknowledged: '正在处理',
  resolved: '已办结',
};

export const DISPOSITION_NAMES: Record<Disposition, string> = {
  substantiated: '情况属实，已处理',
  unfounded: '经核查没有发现问题',
  false_or_prank: '经核查是不实或恶作剧举报',
  referred: '已转交其他部门处理',
};

export const ESCALATION_NAMES: Record<EscalationLevel, string> = {
  0: '未升级',
  1: '超时未处理，已提醒县（区）平安办',
  2: '超时未处理，已提醒市平安办',
};

/** Everything above in one object, for the catalog action and the client. */
export const reportVocabulary = {
  categories: reportCategories,
  waterTypes: WATER_TYPE_NAMES,
  flagQuestions: FLAG_QUESTIONS,
  flags: FLAG_NAMES,
  relations: RELATION_NAMES,
  relationChoices: RELATION_CHOICES,
  priorities: PRIORITY_NAMES,
  priorityPromises: PRIORITY_PROMISES,
  statuses: STATUS_NAMES,
  dispositions: DISPOSITION_NAMES,
  escalations: ESCALATION_NAMES,
};
