/**
 * 首页: "what is due for me now". One card per kind of role I hold; with no
 * role, a welcome that explains invitation codes and offers 我要举报.
 */
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { roleAllows } from '../../domain/policy';
import { guardianChildOf, type RoleBinding } from '../../domain/roles';
import Button from '../../components/Button';
import Card from '../../components/Card';
import EndedPosts from '../../components/EndedPosts';
import Loading from '../../components/Loading';
import Notice from '../../components/Notice';
import PageShell from '../../components/PageShell';
import { catalogStore } from '../../stores/catalog';
import { homeStore } from '../../stores/home';
import { LESSON_TOPICS } from '../../content/lessons/topics';
import { DONE_KEY, LIST_KEY, readStored, type LessonList } from '../../stores/lessonList';
import { todaysTopic } from '../../domain/lessonSeason';
import { sessionStore } from '../../stores/session';
import { useWatch } from '../../stores/watch';
import { dayWords } from '../../components/timeText';
import { go } from '../routes';
import './index.scss';

function WelcomeCard() {
  // a guardian whose name did not match the roster waits for the class teacher: say so, not "enter a code" (walk 14b)
  const waiting = sessionStore.pendingGuardian[0];
  if (waiting) {
    return (
      <Card title='等待学校确认' tone='brand'>
        <Text className='hh-text'>{`您已提交绑定申请（${[waiting.school, waiting.className].filter(Boolean).join(' ')}）。班主任或学校管理员确认后，这里就会显示孩子的安全课和假期告家长书。`}</Text>
        <Button onClick={() => go.tab('me')}>查看申请</Button>
      </Card>
    );
  }
  return (
    <Card title='欢迎使用护航' tone='brand'>
      {/* a post the school ended: say so, not only "welcome" (walk 14b #13) */}
      <EndedPosts posts={sessionStore.endedPosts} />
      <Text className='hh-text'>护航帮助同学、家长和老师一起守护校园内外的安全。</Text>
      <Text className='hh-text home__step'>
        如果学校或单位给了您邀请码，请到「我的」页面输入，就能看到属于您的内容。
      </Text>
      <Button onClick={() => go.tab('me')}>去输入邀请码</Button>
    </Card>
  );
}

function ReportCard({ big }: { big?: boolean }) {
  return (
    <Card title='遇到欺凌或危险？' tone='danger' subtitle='不用登录，不会记录你是谁。'>
      <Button type='danger' big={big} onClick={() => go.reportSubmit()}>
        我要举报
      </Button>
    </Card>
  );
}

/**
 * Today's lesson: the season's topic, unless it is done already: then the next lesson not yet read,
 * from the 课程 list kept on the phone (no extra request on 首页).
 */
const StudentCard = () => {
  const { topic, seasonal } = todaysTopic(LESSON_TOPICS, new Date());
  const kept = readStored<LessonList | null>(`${LIST_KEY}.mine`, null);
  const doneHere = readStored<string[]>(DONE_KEY, []);
  const open = kept?.items.filter((i) => !i.done && !doneHere.includes(i.id)) ?? null;
  const todaysDone = !!open && !open.some((i) => i.topic === topic.id);
  if (open && todaysDone) {
    const next = open[0];
    // the lesson finished last on this phone (DONE_KEY is in finishing order), else today's topic, which is done
    const lastDone = doneHere.slice().reverse().map((id) => kept!.items.find((i) => i.id === id)).find((i) => i);
    const justDone = lastDone?.topicTitle ?? topic.title;
    return (
      <Card title='今日安全课' subtitle={next ? `下一课：${next.topicTitle}` : '都学完了'} tone='brand'>
        <Text className='hh-text'>
          {next ? `「${justDone}」你已经学完了。接着学「${next.title}」吧。` : '你这个学段的课都学完了，真棒！可以在「课程」里再复习一遍。'}
        </Text>
        {next ? <Button type='primary' onClick={() => go.lesson(next.id)}>去上下一课</Button> : null}
      </Card>
    );
  }
  return (
    <Card title='今日安全课' subtitle={seasonal ? `当季重点：${topic.title}` : topic.title} tone='brand'>
      {seasonal && topic.season ? <Text className='hh-text home__emphasis'>{topic.season.reason}</Text> : null}
      <Text className='hh-text'>{topic.summary}</Text>
      <Button type='primary' onClick={() => go.lesson(topic.id)}>
        去上课
      </Button>
    </Card>
  );
};

/** The child of a guardian binding as 我的 names it (auth.me's `who` line for that role). */
const childOf = (b: RoleBinding): string | null => guardianChildOf(sessionStore.who[sessionStore.roles.indexOf(b)]);

function GuardianCard({ bindings }: { bindings: RoleBinding[] }) {
  const schools = bindings.map((b) => catalogStore.schoolName(b.schoolId)).filter((s): s is string => !!s);
  // the child's name and class: a parent with two children at one school must see which one (walk 14b)
  const children = bindings.map(childOf).filter((c): c is string => !!c);
  const place = schools.length ? `就读学校：${Array.from(new Set(schools)).join('、')}` : '';
  return (
    <Card title={children.length ? `孩子：${children.join('；')}` : '孩子'} subtitle={place || undefined}>
      {homeStore.holiday && homeStore.holiday.unsigned > 0 ? (
        <View>
          <Text className='hh-text home__emphasis'>{`${homeStore.holiday.name}假期安全告家长书等您签署。`}</Text>
          <Button type='primary' big className='home__holiday' onClick={() => go.holidayLetter()}>看信并签署</Button>
        </View>
      ) : homeStore.holiday ? (
        <View>
          <Text className='hh-text'>{`${homeStore.holiday.name}假期安全告家长书：您已经签署了。`}</Text>
          <Button className='home__holiday-receipt' onClick={() => go.holidayLetter()}>已签署 · 查看回执</Button>
        </View>
      ) : (
        <Text className='hh-text'>假期安全提醒和安全承诺书会在这里通知您。现在没有需要您处理的事情。</Text>
      )}
      <Button onClick={() => go.tab('lessons')}>和孩子一起看安全课</Button>
    </Card>
  );
}

function WorkbenchCard() {
  const c = homeStore.cases;
  // A coordinator leads no case: the inbox holds only the area's cases that are overdue or escalated to 平安办
  // (case.list), so its counts say nothing about the rest of the area, which the departments handle themselves.
  const oversees = sessionStore.hasRole('coordinator');
  const toOversee = c ? c.open + (c.informed ?? 0) : 0;
  const counts = c && oversees
    ? (toOversee === 0
      ? '现在没有需要您督办的举报。有举报超时或者升级到平安办时，会显示在这里。'
      : `有 ${toOversee} 件举报需要您督办${c.overdue ? `，其中 ${c.overdue} 件已超时` : ''}。点开工作台看看谁在办理。`)
    : c
    ? [
      c.open === 0 ? '现在没有待处理的举报。' : `待处理 ${c.open} 件${c.overdue ? `，其中 ${c.overdue} 件已超时，请尽快处理` : ''}。`,
      c.unread ? `${c.unread} 件有举报人的新留言。` : '',
      c.informed ? `协办/知悉 ${c.informed} 件。` : '',
    ].join('')
    : '请按时受理、回复和办结。紧急的举报要在1小时内受理。';
  return (
    <Card title='工作台' subtitle={oversees ? '需要您督办的举报' : '交给您处理的举报'} tone={c && c.overdue > 0 ? 'danger' : 'brand'}>
      <Text className='hh-text'>{counts}</Text>
      <Button type='primary' onClick={() => go.workInbox()}>
        打开工作台
      </Button>
    </Card>
  );
}

/**
 * Staff who file 强制报告 but handle no report (a class teacher): no "交给您处理的举报", since routing never
 * gives them one (DESIGN.md §2, policy.ts case.acknowledge); the way to file one, and to follow those they filed.
 */
function MandatoryCard() {
  const filed = homeStore.cases?.open ?? 0;
  return (
    <Card title='强制报告' subtitle='发现学生可能受到侵害，要马上报告'>
      <Text className='hh-text'>
        {filed > 0 ? `您提交的强制报告有 ${filed} 件还在办理。` : '您提交的强制报告，可以在这里查看处理进展。'}
      </Text>
      <Button type='danger' className='home__mandatory' onClick={() => go.workMandatory()}>提交强制报告</Button>
      <Button className='home__mandatory-mine' onClick={() => go.workInbox()}>我提交的报告</Button>
    </Card>
  );
}

function ClassTeacherCard() {
  const k = homeStore.klass;
  const h = k?.holiday;
  return (
    <Card title='班级工作'>
      {k ? <Text className='hh-text home__news'>{`今天本班有 ${k.lessonsToday} 人次学完安全课。`}</Text> : null}
      {h ? (
        <Text className='hh-text'>
          {`${h.name}告家长书：已签 ${h.signed} / ${h.eligible} 人，${dayWords(h.start)}放假前请提醒没签的家长。`}
          {h.unbound ? `${h.unbound} 名学生还没有绑定家长。` : ''}
        </Text>
      ) : null}
      <Text className='hh-text'>本班的安全课、心理测评和假期告家长书，都只看人数和是否完成，不排名。</Text>
      <Button onClick={() => go.lessonClass()}>本班安全课学习情况</Button>
      <Button onClick={() => go.screening('screeningCompletion')}>心理测评完成情况</Button>
      <Button onClick={() => go.holidayClass()}>假期告家长书签署情况</Button>
    </Card>
  );
}

/** A screening that concerns me: answer it, consent to it, or follow its alerts (packageScreening). */
function ScreeningEntry() {
  const s = homeStore.screening;
  if (!s) return null;
  // after a crisis screen the student keeps a lasting way to someone to talk to
  const talk = s.talk ? (
    <Card title='想找人聊聊'>
      <Text className='hh-text'>心情不好的时候，可以打 12356 或 12355，也可以找你信任的大人。</Text>
      <Button onClick={() => go.screening('screeningTalk')}>打开</Button>
    </Card>
  ) : null;
  if (s.role === 'student' && s.finished) return talk;
  const [text, page] = s.role === 'student'
    ? [s.consent === 'needed' ? '需要家长先同意，才能开始。' : `有一份心理测评等你完成，${dayWords(s.closesOn)}前做完。`, 'screening' as const]
    : s.role === 'guardian'
      ? [(s.paperAfterDecline ? '学校录入了您签署的纸质同意书。如果您不同意，可以打开撤回。'
        : !s.campaignId && s.news ? '' : s.consent === 'needed' ? `学校的心理测评需要您同意，请在${dayWords(s.closesOn)}前办理。` : '查看孩子的心理测评。')
        + (s.news ? `心理老师给您留了话或答复了您的申请（共 ${s.news} 条），打开就能看到。` : ''), 'screeningConsent' as const]
      : s.role === 'coordinator'
        ? ['查看辖区心理测评的覆盖情况和汇总。', 'screeningStats' as const]
        : [(s.openAlerts ? `有 ${s.openAlerts} 条预警待跟进${s.overdue ? `，${s.overdue} 条已超时` : ''}${s.nextDueText ? `。最急的一条：${s.nextDueText}` : ''}。` : '查看本校的测评结果。')
          + (s.openRequests ? `有 ${s.openRequests} 条家长申请待答复。` : ''), 'screeningResults' as const];
  return (
    <View>
      <Card title='心理测评' tone={s.openAlerts || s.consent === 'needed' || s.paperAfterDecline ? 'danger' : 'brand'}>
        <Text className='hh-text'>{text}</Text>
        <Button type='primary' onClick={() => go.screening(page)}>打开</Button>
        {s.role === 'psych_teacher' || s.role === 'coordinator' ? <Button onClick={() => go.screening('screeningCampaigns')}>组织测评</Button> : null}
      </Card>
      {talk}
    </View>
  );
}

function RoleCards({ roles }: { roles: RoleBinding[] }) {
  const of = (role: RoleBinding['role']) => roles.filter((b) => b.role === role);
  // Who handles reports: takes a case on (case.acknowledge) or oversees and moves it (case.transfer, 平安办).
  // A class teacher may list cases too, but only the 强制报告 they filed: no workbench card of reports for them.
  const handlesReports = roleAllows('case.acknowledge', roles) || roleAllows('case.transfer', roles);
  const filesOnly = !handlesReports && roleAllows('report.mandatory', roles);
  // handlers of the departments that file the plan's monthly returns (教育体育局, 公安局, 市场监管局)
  const returnDepts = of('handler').filter((b) => /\.(edu|police|market)$/.test(b.deptId ?? ''));
  return (
    <View>
      <ScreeningEntry />
      {of('student').length ? <StudentCard /> : null}
      {of('guardian').length ? <GuardianCard bindings={of('guardian')} /> : null}
      {handlesReports ? <WorkbenchCard /> : null}
      {of('class_teacher').length ? <ClassTeacherCard /> : null}
      {filesOnly ? <MandatoryCard /> : null}
      {of('coordinator').length ? <Button className='home__coverage' onClick={() => go.holidayCoverage()}>假期告家长书覆盖率</Button> : null}
      {roleAllows('invite.issue', roles) ? (
        <Card title='名册和邀请码'>
          <Text className='hh-text'>导入学生名册，给家长发邀请码纸条，看谁已经绑定。</Text>
          <Button className='home__admin' onClick={() => go.admin()}>学校、名册和邀请码</Button>
        </Card>
      ) : null}
      {of('school_admin').length || of('coordinator').length ? <Button className='home__rollover' onClick={() => go.rolloverPreview()}>学年升级（预览和确认）</Button> : null}
      {of('coordinator').length || returnDepts.length || of('school_admin').length ? <Button className='home__desk' onClick={() => go.desk()}>目标看板（各项目标进展）</Button> : null}
      {returnDepts.length || of('coordinator').length ? <Button className='home__return' onClick={() => go.deskReturn()}>{returnDepts.length ? '填报部门月报' : '月报报送情况'}</Button> : null}
      <ReportCard />
    </View>
  );
}

function HomePage() {
  useWatch(sessionStore);
  useWatch(catalogStore);
  useWatch(homeStore);
  useDidShow(() => {
    // Refresh on every visit: roles change when a code is redeemed elsewhere.
    void sessionStore.load(true).then(() => {
      if (sessionStore.hasRole('guardian', 'student')) void catalogStore.load();
      if (sessionStore.roles.length) void homeStore.load();
    });
  });

  const { loaded, error, roles } = sessionStore;
  let content;
  if (loaded && roles.length > 0) content = <RoleCards roles={roles} />;
  else if (loaded) content = <WelcomeCard />;
  else if (error) {
    content = (
      <View>
        <Notice>{error}</Notice>
        <Button onClick={() => void sessionStore.load(true)}>重新加载</Button>
        {/* offline: a student's lesson of the day still works from what this phone keeps (walk 18 #14) */}
        {roles.some((b) => b.role === 'student') ? <StudentCard /> : null}
      </View>
    );
  } else content = <Loading />;

  return (
    <PageShell>
      {content}
      {/* Whatever else is slow or broken, reporting is one tap away. */}
      {loaded && roles.length > 0 ? null : <ReportCard big />}
    </PageShell>
  );
}

export default HomePage;
