/**
 * Every page path in one place, and how to get there. Tabs open with
 * switchTab, feature pages (all in subpackages) with navigateTo.
 */
import Taro from '@tarojs/taro';

export const TABS = {
  home: '/pages/index/index',
  lessons: '/pages/lessons/index',
  report: '/pages/report/index',
  me: '/pages/me/index',
} as const;

export const PAGES = {
  reportSubmit: '/packageReport/pages/submit/index',
  reportDone: '/packageReport/pages/done/index',
  reportStatus: '/packageReport/pages/status/index',
  workInbox: '/packageWork/pages/inbox/index',
  workCase: '/packageWork/pages/case/index',
  workStats: '/packageWork/pages/stats/index',
  workMandatory: '/packageWork/pages/mandatory/index',
  lesson: '/packageLessons/pages/lesson/index',
  lessonClass: '/packageLessons/pages/class/index',
  screening: '/packageScreening/pages/answer/index',
  screeningConsent: '/packageScreening/pages/consent/index',
  screeningResults: '/packageScreening/pages/results/index',
  screeningCompletion: '/packageScreening/pages/completion/index',
  screeningStats: '/packageScreening/pages/stats/index',
  screeningTalk: '/packageScreening/pages/talk/index',
  screeningCampaigns: '/packageScreening/pages/campaigns/index',
  screeningRequests: '/packageScreening/pages/requests/index',
  holidayLetter: '/packageHoliday/pages/letter/index',
  holidayClass: '/packageHoliday/pages/class/index',
  holidayCoverage: '/packageHoliday/pages/coverage/index',
  admin: '/packageAdmin/pages/index/index',
  rolloverPreview: '/packageRollover/pages/preview/index',
  desk: '/packageDesk/pages/desk/index',
  deskReturn: '/packageDesk/pages/return/index',
} as const;

const query = (params: Record<string, string>) =>
  Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');

export const go = {
  tab: (tab: keyof typeof TABS) => Taro.switchTab({ url: TABS[tab] }),
  reportSubmit: () => Taro.navigateTo({ url: PAGES.reportSubmit }),
  reportStatus: () => Taro.navigateTo({ url: PAGES.reportStatus }),
  /** The done page reads the answer from reportReceipt: the secret never goes into a URL. */
  reportDone: () => Taro.navigateTo({ url: PAGES.reportDone }),
  workInbox: () => Taro.navigateTo({ url: PAGES.workInbox }),
  workCase: (id: string) => Taro.navigateTo({ url: `${PAGES.workCase}?${query({ id })}` }),
  workStats: () => Taro.navigateTo({ url: PAGES.workStats }),
  workMandatory: () => Taro.navigateTo({ url: PAGES.workMandatory }),
  lesson: (id: string) => Taro.navigateTo({ url: `${PAGES.lesson}?${query({ id })}` }),
  lessonClass: () => Taro.navigateTo({ url: PAGES.lessonClass }),
  screening: (page: 'screening' | 'screeningConsent' | 'screeningResults' | 'screeningCompletion' | 'screeningStats' | 'screeningTalk' | 'screeningCampaigns' | 'screeningRequests') =>
    Taro.navigateTo({ url: PAGES[page] }),
  holidayLetter: () => Taro.navigateTo({ url: PAGES.holidayLetter }),
  holidayClass: () => Taro.navigateTo({ url: PAGES.holidayClass }),
  holidayCoverage: () => Taro.navigateTo({ url: PAGES.holidayCoverage }),
  admin: () => Taro.navigateTo({ url: PAGES.admin }),
  rolloverPreview: () => Taro.navigateTo({ url: PAGES.rolloverPreview }),
  desk: () => Taro.navigateTo({ url: PAGES.desk }),
  deskReturn: () => Taro.navigateTo({ url: PAGES.deskReturn }),
};
