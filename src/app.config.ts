/**
 * The main package holds only the four tabs (the first screen); every
 * feature page lives in a subpackage named for its feature, loaded when
 * first opened (or preloaded when it is the likely next step).
 */
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/lessons/index', 'pages/report/index', 'pages/me/index'],
  subPackages: [
    { root: 'packageReport', pages: ['pages/submit/index', 'pages/done/index', 'pages/status/index'] },
    { root: 'packageWork', pages: ['pages/inbox/index', 'pages/case/index', 'pages/stats/index', 'pages/mandatory/index'] },
    { root: 'packageLessons', pages: ['pages/lesson/index', 'pages/class/index'] },
    {
      root: 'packageScreening',
      pages: ['pages/answer/index', 'pages/consent/index', 'pages/results/index', 'pages/alerts/index', 'pages/file/index', 'pages/completion/index', 'pages/stats/index',
        'pages/talk/index', 'pages/paper/index', 'pages/campaigns/index', 'pages/requests/index'],
    },
    { root: 'packageHoliday', pages: ['pages/letter/index', 'pages/class/index', 'pages/coverage/index'] },
    // enrolment: schools and classes, roster import, invitation slips, guardian links, staff posts (issue 14)
    { root: 'packageAdmin', pages: ['pages/index/index', 'pages/roster/index', 'pages/slips/index', 'pages/guardians/index', 'pages/staff/index'] },
    { root: 'packageRollover', pages: ['pages/preview/index'] },
    // the plan's targets for coordinators and lead departments, with ECharts (loaded here only) and the monthly return
    { root: 'packageDesk', pages: ['pages/desk/index', 'pages/detail/index', 'pages/return/index'] },
  ],
  // Someone on the 举报 tab is about to report: have the form ready, even on 4G.
  preloadRule: {
    'pages/report/index': { network: 'all', packages: ['packageReport'] },
    // Someone on the 课程 tab is about to open a lesson: load the lesson pages, so they open (and read offline) at once.
    'pages/lessons/index': { network: 'all', packages: ['packageLessons'] },
  },
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f4f6f9',
    navigationBarBackgroundColor: '#1b5fbf',
    navigationBarTitleText: '护航',
    navigationBarTextStyle: 'white',
  },
  // Icons: 81×81 palette PNGs under 1 KB each, drawn from simple shapes (home, book, shield, person).
  tabBar: {
    color: '#555555',
    selectedColor: '#1b5fbf',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'pages/tab-icons/home.png', selectedIconPath: 'pages/tab-icons/home-active.png' },
      { pagePath: 'pages/lessons/index', text: '课程', iconPath: 'pages/tab-icons/lessons.png', selectedIconPath: 'pages/tab-icons/lessons-active.png' },
      { pagePath: 'pages/report/index', text: '举报', iconPath: 'pages/tab-icons/report.png', selectedIconPath: 'pages/tab-icons/report-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'pages/tab-icons/me.png', selectedIconPath: 'pages/tab-icons/me-active.png' },
    ],
  },
  // Read-aloud for lessons and letters on WeChat (src/services/speech.ts): the 微信同声传译 plugin.
  // Add it once to the mini-program in the WeChat admin console (设置 → 第三方设置 → 插件管理) before uploading.
  plugins: { WechatSI: { version: '0.3.5', provider: 'wx069ba97219f66d99' } },
  // Turn on the privacy check on base libraries before it became the default (2023-10).
  __usePrivacyCheck__: true,
  // Inject only the components a page uses: faster start on low-end phones.
  lazyCodeLoading: 'requiredComponents',
} as Parameters<typeof defineAppConfig>[0]);
