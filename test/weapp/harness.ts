/**
 * The weapp build (`dist/weapp`) running as WeChat runs it, without DevTools.
 *
 * Each simulated phone is a Node `vm` context holding only WeChat's AppService
 * globals (wx, App, Page, Component, Behavior, getApp, getCurrentPages,
 * require, timers, console — no window, document, fetch, localStorage,
 * MessageChannel, URL, crypto). Its `wx` is miniprogram-simulate's API mock
 * table (loaded inside the phone) plus a router with a page stack, storage,
 * network state, dialogs, and `wx.cloud.callFunction` answered by the real
 * cloud handlers (the dispatcher of `src/cloud`) over a temporary SQLite file,
 * each phone with its own OPENID. Pages run onLoad → onShow → onReady; every
 * setData lands in the page's `data`; what the page shows is read back from
 * `data.root` through the build's own base.wxml templates (wxml.ts).
 *
 * Use:
 *
 *   const weapp = useWeapp();                        // one cloud for the file (beforeAll/afterAll)
 *   const phone = await weapp.openApp();             // a fresh phone on the home page
 *   await phone.asDemo('DEMO-EDU');                  // redeems the code on 我的, like a person
 *   await weapp.openApp({ as: 'DEMO-POLICE' });      // a phone whose user redeemed the code before (quicker)
 *   await phone.open('/packageReport/pages/submit/index');
 *   expect(phone.text()).toContain('发生了什么事');
 *   await phone.tapText('下一步');                    // taps the smallest element showing it
 *   await phone.tap('.hh-report-category--bullying'); // or by selector (see wxml.ts `matches`)
 *   await phone.input('.hh-report-description textarea', '…');
 *   await phone.input('请输入查询码', 'ABCD-…');      // or by placeholder
 *   await phone.waitForText('绑定成功');
 *   await phone.tab('首页');                          // the native tab bar (by its text in app.json)
 *   phone.pickPhotos(['test/fixtures/gps.jpg']);     // what the album gives next (else: cancel)
 *   phone.pickFiles(['/tmp/名册.xlsx']);              // what wx.chooseMessageFile (a file from a chat) gives next
 *   await phone.trigger('signature-pad', 'change', { empty: false, strokes: 1 });  // a component's own event
 *   phone.tempFile('sig.png');                       // a wxfile:// path for a host file (canvas exports)
 *   await phone.setOnline(false);                    // cloud calls fail, network listeners hear it
 *   await weapp.openApp({ timeScale: 100 });         // the app's timers 100× faster (retry back-off)
 *   phone.answerModal = () => ({ confirm: false });  // how wx.showModal is answered (default: confirm)
 *   phone.privacyPrompts;                            // the first photo pick waits for 同意 in our popup
 *   phone.route;  phone.stack;  phone.modals;  phone.toasts;  phone.data();  phone.leaveGuard;
 *   expect(phone.offscreen()).toEqual([]);           // no tappable element past a 375 px screen's edge (layout.ts)
 *   expect(await phone.checkPage(route)).toEqual([]);  // opens it; lists what would be wrong on a phone
 *   phone.assertHealthy();                           // no errors, console.error, missing templates, big setData
 *   const again = await phone.restart();             // the app killed and opened again, storage kept
 *
 * Time: phone and cloud share one clock (`weapp.cloud.clock`, running from
 * `useWeapp(start)`); `clock.set('2027-07-01T02:00:00Z')` moves both.
 * Photos: wx.cloud.uploadFile goes to `weapp.storage` (fake CloudBase storage),
 * and upload.finalize runs as on CloudBase.
 * An unhandled promise rejection inside the app fails the test through jest
 * (it cannot be told apart by phone).
 * Every action settles before it returns: it waits until no short timer
 * (setData, React's scheduler, ≤ 600 ms) and no cloud call is pending.
 * `weapp.cloud` is the cloud harness (test/cloud/harness.ts: store, clock,
 * `as(code)` …) the phones talk to. `openApp({ dist })` runs another build
 * (the breakage tests patch a copy).
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { identityForOpenid, dispatch } from '../../src/cloud/core/dispatch';
import { cloudTempUploads } from '../../src/cloud/media/blobs';
import { createFakeCloudStorage, type FakeCloudStorage } from '../cloud/fakes/cloudStorage';
import { makeHarness, type Harness } from '../cloud/harness';
import { loadStyles, offscreenTappables, type Offscreen } from './layout';
import { loadTemplates, matches, readableText, readTree, textContent, walk, type Problem, type Templates, type WxNode } from './wxml';

export const DIST = path.resolve(__dirname, '../../dist/weapp');
const SIM_API = path.dirname(require.resolve('miniprogram-simulate/src/api/index.js'));

/** WeChat refuses a setData payload over 1 MB (it stops rendering the page). */
export const SETDATA_LIMIT = 1024 * 1024;
/** Timers longer than this are not waited for by `settle` (retry back-off, reminders). */
const SHORT_TIMER_MS = 600;

export interface Dialog { kind: 'modal' | 'toast' | 'loading' | 'actionSheet'; title?: string; content?: string; options: Record<string, unknown> }

export interface OpenAppOptions {
  /** this phone's OPENID (default: a fresh one) */
  openid?: string;
  /** the build to run (default dist/weapp) */
  dist?: string;
  /** the page the app starts on (default the first page of app.json) */
  launch?: string;
  /** keep the wx storage of an earlier phone (a restart of the same phone) */
  keep?: Map<string, string>;
  /** CloudBase storage the phone uploads to (useWeapp passes its own) */
  storage?: FakeCloudStorage;
  /** start with the network off */
  offline?: boolean;
  /** this user already agreed to the privacy guide (default: no, the first photo pick asks) */
  privacyAgreed?: boolean;
  /** a demo or invitation code this WeChat user redeemed before (bound through the cloud, no taps) */
  as?: string;
  /** run the app's timers this many times faster (retry back-off of ~7.5 s in 75 ms at 100) */
  timeScale?: number;
}

export interface Weapp {
  cloud: Harness;
  /** CloudBase storage as the phones upload to it (tmp-uploads/ until upload.finalize cleans them) */
  storage: FakeCloudStorage;
  openApp(options?: OpenAppOptions): Promise<Phone>;
}

/** One cloud for a test file, and every phone opened on it closed after the file. */
export function useWeapp(start?: string): Weapp {
  const phones: Phone[] = [];
  const weapp = {
    openApp: async (options?: OpenAppOptions) => {
      const phone = await openApp(weapp.cloud, { storage: weapp.storage, ...options });
      phones.push(phone);
      return phone;
    },
  } as Weapp;
  beforeAll(async () => {
    weapp.cloud = await makeHarness(start);
    // Phones run on real timers: the shared clock runs too (and `clock.set/advance` still move it).
    weapp.cloud.clock.run();
    // Photos travel as on CloudBase: the phone uploads to storage, upload.finalize fetches and cleans them.
    weapp.storage = createFakeCloudStorage();
    weapp.cloud.env.platform = { ...weapp.cloud.env.platform, ...cloudTempUploads(weapp.storage) };
  });
  afterAll(async () => {
    for (const p of phones) p.close();
    await weapp.cloud?.close();
  });
  return weapp;
}

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  tabBar?: { list: { pagePath: string; text?: string }[] };
}

/** Every page route of a build's app.json: main package first, then each subpackage. */
export function routesOf(dist = DIST): string[] {
  const app: AppJson = JSON.parse(readFileSync(path.join(dist, 'app.json'), 'utf8'));
  return [...app.pages, ...(app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))];
}

let openidCounter = 0;

export async function openApp(cloud: Harness, options: OpenAppOptions = {}): Promise<Phone> {
  const phone = new Phone(cloud, options);
  if (options.as) {
    // Bound before the app starts, as if redeemed on an earlier day: the app reads its roles at launch.
    const res = await dispatch({ action: 'auth.redeem', data: { code: options.as }, requestId: `weapp_${Date.now().toString(36)}_${(++openidCounter).toString(36)}` }, identityForOpenid(cloud.serverKey, phone.openid), cloud.env);
    if (!res.ok) throw new Error(`redeeming ${options.as} failed: ${JSON.stringify(res.error)}`);
  }
  await phone.boot(options.launch);
  return phone;
}

type Fn = (...args: any[]) => any;
interface PageInstance {
  route: string;
  __route__: string;
  options: Record<string, string>;
  data: any;
  setData(data: Record<string, unknown>, cb?: Fn): void;
  [k: string]: any;
}

interface SetDataRecord { route: string; bytes: number; keys: number }

export class Phone {
  readonly openid: string;
  readonly userId: string;
  readonly dist: string;
  /** what this phone keeps across restarts: key → JSON */
  readonly storage: Map<string, string>;
  /** uncaught errors (timers, lifecycles, event handlers) */
  readonly errors: unknown[] = [];
  /** every console call the app made, by level */
  readonly console: { level: string; text: string }[] = [];
  readonly modals: Dialog[] = [];
  readonly toasts: Dialog[] = [];
  readonly setDataLog: SetDataRecord[] = [];
  /** nodes drawn without a template (collected on every read) */
  readonly drawProblems: Problem[] = [];
  /** answers wx.showModal (default: the confirm button) */
  answerModal: (options: Record<string, unknown>) => { confirm: boolean; cancel?: boolean; content?: string } = () => ({ confirm: true, cancel: false });
  /** the message enableAlertBeforeUnload set (the back button asks it) */
  leaveGuard: string | null = null;

  private ctx!: vm.Context;
  private ctxJson!: JSON;
  private ctxPromise!: PromiseConstructor;
  private templates: Templates;
  private app: AppJson;
  private routes: string[];
  private pageDefs = new Map<string, Record<string, unknown>>();
  private componentDefs = new Map<string, unknown>();
  private modules = new Map<string, { exports: unknown }>();
  private loadingRoute: string[] = [];
  private appInstance: any = null;
  private pages: PageInstance[] = [];
  private tabInstances = new Map<string, PageInstance>();
  private timers = new Map<number, { handle: NodeJS.Timeout; short: boolean; interval: boolean }>();
  private nextTimerId = 1;
  private inFlight = 0;
  /** wx calls paused on the person (a privacy prompt waiting for 同意): not work in progress */
  private waitingForPerson = 0;
  /** the person agreed to the privacy guide (WeChat remembers it per user) */
  privacyAgreed: boolean;
  private privacyListeners = new Set<Fn>();
  /** privacy prompts WeChat raised: 'app' when our popup was asked, 'wechat' when WeChat showed its own */
  readonly privacyPrompts: { api: string; by: 'app' | 'wechat'; shown: boolean; answer?: string }[] = [];
  private online = true;
  private networkListeners = new Set<Fn>();
  private appShowListeners = new Set<Fn>();
  private closed = false;
  private webviewId = 0;
  private cloudStorage: FakeCloudStorage;
  private timeScale: number;
  /** what the next wx.chooseImage picks (host files), set by pickPhotos */
  private picks: string[][] = [];
  /** what the next wx.chooseMessageFile picks (host files), set by pickFiles */
  private filePicks: string[][] = [];
  /** temp paths handed to the app → the host files behind them */
  private tempFiles = new Map<string, string>();

  constructor(private readonly cloud: Harness, options: OpenAppOptions) {
    this.openid = options.openid ?? `o_sim_${process.pid}_${++openidCounter}_${Math.random().toString(36).slice(2, 8)}`;
    this.userId = identityForOpenid(cloud.serverKey, this.openid).userId!;
    this.dist = options.dist ?? DIST;
    this.storage = options.keep ?? new Map();
    this.cloudStorage = options.storage ?? createFakeCloudStorage();
    this.online = !options.offline;
    this.privacyAgreed = options.privacyAgreed ?? false;
    this.timeScale = options.timeScale ?? 1;
    if (!existsSync(path.join(this.dist, 'app.js'))) throw new Error(`no weapp build at ${this.dist}: run npm run build:weapp`);
    this.templates = loadTemplates(this.dist);
    this.app = JSON.parse(readFileSync(path.join(this.dist, 'app.json'), 'utf8'));
    this.routes = routesOf(this.dist);
  }

  // ───────────────────────────── reading the page ─────────────────────────────

  /** The page in front. */
  get page(): PageInstance {
    const top = this.pages[this.pages.length - 1];
    if (!top) throw new Error('no page is open');
    return top;
  }

  /** Its route, e.g. 'packageReport/pages/submit/index'. */
  get route(): string {
    return this.pages[this.pages.length - 1]?.route ?? '';
  }

  /** The page stack, bottom first. */
  get stack(): string[] {
    return this.pages.map((p) => p.route);
  }

  /** The front page's data (what WeChat's view layer holds). */
  data(): any {
    return this.page.data;
  }

  /** The front page as drawn: its nodes (templates checked; problems collected in drawProblems). */
  tree(): WxNode[] {
    const { nodes, problems } = readTree(this.page.data?.root, this.templates);
    for (const p of problems) if (!this.drawProblems.some((q) => q.detail === p.detail)) this.drawProblems.push(p);
    return nodes;
  }

  /**
   * Tappable elements of the front page a 375 px phone would draw past its right edge,
   * as far as the build's WXSS tells (layout.ts explains the method and its limits).
   */
  offscreen(): Offscreen[] {
    return offscreenTappables(this.tree(), loadStyles(this.dist, this.route));
  }

  /** The text the front page shows, one line per block. */
  text(): string {
    return readableText(this.tree());
  }

  /** All the text under one node. */
  textOf(node: WxNode): string {
    return textContent(node);
  }

  has(text: string): boolean {
    return this.text().includes(text);
  }

  findAll(selector: string): WxNode[] {
    return [...walk(this.tree())].filter((n) => n.tag !== '#text' && matches(n, selector));
  }

  find(selector: string): WxNode {
    const hit = this.findAll(selector)[0];
    if (!hit) throw new Error(`nothing matches "${selector}" on ${this.route}. The page shows:\n${this.text()}`);
    return hit;
  }

  /** The smallest elements whose text contains `text` (exact: equals it, spaces trimmed). */
  findAllByText(text: string, exact = false): WxNode[] {
    const hits = [...walk(this.tree())].filter((n) => {
      if (n.tag === '#text') return false;
      const t = textContent(n).trim();
      return exact ? t === text : t.includes(text);
    });
    // Keep the innermost: drop an element when one of its descendants also matches.
    return hits.filter((n) => !hits.some((m) => m !== n && isAncestor(n, m)));
  }

  findByText(text: string, exact = false): WxNode {
    const hit = this.findAllByText(text, exact)[0];
    if (!hit) throw new Error(`"${text}" is not on ${this.route}. The page shows:\n${this.text()}`);
    return hit;
  }

  // ───────────────────────────── acting ─────────────────────────────

  /** Opens a page as a link from outside would (reLaunch: a fresh stack). */
  async open(url: string): Promise<void> {
    await this.callWx('reLaunch', { url });
  }

  /** A tap, as WeChat delivers it: to `eh` of the element and of every ancestor bound to tap, until one catches it. */
  async tap(target: string | WxNode): Promise<void> {
    const node = typeof target === 'string' ? this.find(target) : target;
    const chain: WxNode[] = [];
    for (let n: WxNode | null = node; n; n = n.parent) if (n.tag !== '#text') chain.push(n);
    const element = chain[0];
    let delivered = false;
    for (const n of chain) {
      const how = n.events.tap;
      if (!how) continue;
      delivered = true;
      this.fire('tap', n, element, { x: 10, y: 10 });
      if (how === 'catch') break;
    }
    if (!delivered) throw new Error(`nothing on the way from ${describe(element)} up listens to taps on ${this.route}`);
    // A tap on <button open-type="agreePrivacyAuthorization"> is the person's consent, then the button's own event.
    const agree = chain.find((n) => n.tag === 'button' && n.attrs['open-type'] === 'agreePrivacyAuthorization');
    if (agree) {
      this.privacyAgreed = true;
      if (agree.events.agreeprivacyauthorization) this.fire('agreeprivacyauthorization', agree, agree, {});
    }
    await this.settle();
  }

  /** Taps the first element showing `text` that something listens to taps on (a title with the same words is skipped). */
  async tapText(text: string, exact = false): Promise<void> {
    const hits = this.findAllByText(text, exact);
    const tappable = hits.find((n) => {
      for (let p: WxNode | null = n; p; p = p.parent) if (p.events.tap) return true;
      return false;
    });
    await this.tap(tappable ?? hits[0] ?? this.findByText(text, exact));
  }

  /**
   * Hands the page an event object built elsewhere (the second tier: WeChat's
   * compiled WXML rendered by j-component calls `eh` with its own events).
   */
  async deliver(event: object): Promise<void> {
    const inst = this.page;
    this.guard(() => inst.eh.call(inst, this.toCtx(event)));
    await this.settle();
  }

  /**
   * Types into an input or textarea: focus, one input event with the whole value, blur.
   * `target`: a selector, or text of its placeholder.
   */
  async input(target: string | WxNode, value: string): Promise<void> {
    const node = typeof target === 'string' ? this.findField(target) : target;
    if (node.events.focus) this.fire('focus', node, node, { value: String(node.attrs.value ?? ''), height: 0 });
    if (!node.events.input) throw new Error(`${describe(node)} does not listen to input`);
    this.fire('input', node, node, { value, cursor: value.length, keyCode: 0 });
    await this.settle();
    if (node.events.blur) this.fire('blur', node, node, { value, cursor: value.length });
    await this.settle();
  }

  /** Any other component event (change of a picker or switch, confirm …) with WeChat's detail. */
  async trigger(target: string | WxNode, type: string, detail: Record<string, unknown> = {}): Promise<void> {
    const node = typeof target === 'string' ? this.find(target) : target;
    if (!node.events[type]) throw new Error(`${describe(node)} does not listen to ${type}`);
    this.fire(type, node, node, detail);
    await this.settle();
  }

  /** Taps an item of the native tab bar, by its text in app.json (首页, 课程, 举报, 我的). */
  async tab(text: string): Promise<void> {
    const item = (this.app.tabBar?.list ?? []).find((t) => t.text === text);
    if (!item) throw new Error(`the tab bar has no "${text}"`);
    await this.callWx('switchTab', { url: '/' + item.pagePath });
  }

  /** The back button (or Android's back key): asks first when the page set a leave guard. */
  async back(): Promise<void> {
    if (this.leaveGuard) {
      const answer = this.recordModal({ title: '', content: this.leaveGuard });
      if (!answer.confirm) return;
    }
    await this.callWx('navigateBack', { delta: 1 });
  }

  /** Redeems an invitation code on 我的, as a person does, and comes back to that page. */
  async asDemo(code: string): Promise<void> {
    await this.open('/pages/me/index');
    // Once a role is bound, the code box waits behind 再绑定一个身份.
    if (this.findAllByText('再绑定一个身份', true).length) await this.tapText('再绑定一个身份', true);
    await this.input('请输入邀请码', code);
    await this.tapText('绑定身份', true);
    await this.waitForText('绑定成功');
  }

  /**
   * What the person picks the next time the app opens the album (wx.chooseImage /
   * chooseMedia): host files, e.g. test/fixtures/gps.jpg. Nothing queued: they cancel.
   */
  pickPhotos(files: string[]): void {
    this.picks.push(files.map((f) => path.resolve(f)));
  }

  /** What the person picks the next time the app opens a chat's files (wx.chooseMessageFile). Nothing queued: they cancel. */
  pickFiles(files: string[]): void {
    this.filePicks.push(files.map((f) => path.resolve(f)));
  }

  /** Network on or off (wx.onNetworkStatusChange listeners hear it; cloud calls fail while off). */
  async setOnline(online: boolean): Promise<void> {
    this.online = online;
    for (const fn of [...this.networkListeners]) this.guard(() => fn(this.toCtx({ isConnected: online, networkType: online ? 'wifi' : 'none' })));
    await this.settle();
  }

  /** Waits (settling in between) until the front page shows `text`. */
  async waitForText(text: string, timeoutMs = 5000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      await this.settle();
      if (this.has(text)) return;
      if (Date.now() > until) throw new Error(`"${text}" did not appear on ${this.route} within ${timeoutMs} ms. The page shows:\n${this.text()}`);
      await hostSleep(20);
    }
  }

  /** Waits until nothing short is pending: no timer ≤ 600 ms, no cloud call. */
  async settle(timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    let quiet = 0;
    while (quiet < 3) {
      await hostSleep(0);
      const busy = this.inFlight - this.waitingForPerson > 0 || [...this.timers.values()].some((t) => t.short && !t.interval);
      quiet = busy ? 0 : quiet + 1;
      if (Date.now() > until) throw new Error(`${this.route || 'the app'} did not settle within ${timeoutMs} ms (${this.inFlight} cloud calls, ${this.timers.size} timers pending)`);
    }
    // Read once so drawing problems are collected even when no test reads this page.
    if (this.pages.length) this.tree();
  }

  /** Everything that would be wrong on a phone, as readable lines. */
  problems(): string[] {
    const out: string[] = [];
    for (const e of this.errors) out.push(`uncaught: ${errorText(e)}`);
    for (const c of this.console) if (c.level === 'error') out.push(`console.error: ${c.text}`);
    for (const p of this.drawProblems) out.push(`drawing: ${p.detail}`);
    for (const s of this.setDataLog) if (s.bytes > SETDATA_LIMIT) out.push(`setData of ${(s.bytes / 1024).toFixed(0)} KB on ${s.route} (WeChat's limit is 1024 KB)`);
    return out;
  }

  /**
   * Opens a page (reLaunch) and lists what is wrong with it on a phone: every
   * problem() it caused, a page that shows no text, a spinner still turning
   * once nothing is pending (a page stuck on 正在加载). Empty when all is well.
   */
  async checkPage(route: string): Promise<string[]> {
    this.resetProblems();
    try {
      await this.open('/' + route.replace(/^\//, ''));
    } catch (e) {
      return [`${route} did not open: ${errorText(e)}`, ...this.problems()];
    }
    const out = this.problems();
    if (this.route !== route.replace(/^\//, '')) out.push(`${route} opened ${this.route || 'nothing'} instead`);
    else {
      if (!this.text().trim()) out.push(`${route} shows no text`);
      const spinning = this.findAll('.hh-loading');
      if (spinning.length) out.push(`${route} is stuck on "${this.textOf(spinning[0]).trim() || 'a spinner'}" with nothing pending`);
    }
    return out;
  }

  /** Forgets the problems seen so far (to check one page at a time). */
  resetProblems(): void {
    this.errors.length = 0;
    this.console.length = 0;
    this.drawProblems.length = 0;
    this.setDataLog.length = 0;
  }

  /** Throws with every problem listed, if there is any. */
  assertHealthy(): void {
    const p = this.problems();
    if (p.length) throw new Error(`the weapp build misbehaved on this phone:\n- ${p.join('\n- ')}`);
  }

  /** The same phone after its app was closed and opened again (storage, network and time scale kept). */
  async restart(launch?: string): Promise<Phone> {
    this.close();
    return openApp(this.cloud, {
      openid: this.openid, dist: this.dist, keep: this.storage, storage: this.cloudStorage, launch, offline: !this.online, timeScale: this.timeScale,
      privacyAgreed: this.privacyAgreed,
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers.values()) (t.interval ? clearInterval : clearTimeout)(t.handle);
    this.timers.clear();
  }

  // ───────────────────────────── booting ─────────────────────────────

  async boot(launch?: string): Promise<void> {
    this.ctx = vm.createContext(this.globals(), { name: `weapp phone ${this.openid}` });
    // The phone's clock is the cloud's (FakeClock): a test that sets the date sets it for both.
    vm.runInContext(PHONE_DATE, this.ctx)(() => this.cloud.clock.now().getTime());
    this.ctxJson = vm.runInContext('JSON', this.ctx);
    this.ctxPromise = vm.runInContext('Promise', this.ctx);
    // wx is miniprogram-simulate's API table, loaded inside the phone so its timers and promises are the phone's.
    const sim = this.loadFile(path.join(SIM_API, 'index.js'), SIM_API) as Record<string, unknown>;
    Object.assign(this.ctx.wx, sim, this.wxOverrides());
    this.ctx.wx.cloud = this.cloudApi();
    this.loadFile(path.join(this.dist, 'app.js'), this.dist);
    if (!this.appInstance) throw new Error('app.js did not call App()');
    const first = launch ?? '/' + this.app.pages[0];
    const [route, query] = splitUrl(first);
    const launchOptions = { path: route, query, scene: 1001, referrerInfo: {} };
    this.guard(() => this.appInstance.onLaunch?.call(this.appInstance, this.toCtx(launchOptions)));
    this.guard(() => this.appInstance.onShow?.call(this.appInstance, this.toCtx(launchOptions)));
    await this.settle();
    await this.openPage(first, 'reLaunch');
    await this.settle();
  }

  /** WeChat's AppService globals, and nothing else. */
  private globals(): Record<string, unknown> {
    const self = this;
    const log = (level: string) => (...args: unknown[]) => {
      this.console.push({ level, text: args.map(errorText).join(' ') });
      if (process.env.WEAPP_DEBUG) process.stdout.write(`[weapp ${level}] ${args.map(errorText).join(' ')}\n`);
    };
    const timer = (interval: boolean) => (fn: Fn, ms = 0, ...args: unknown[]) => {
      const id = this.nextTimerId++;
      if (this.closed || typeof fn !== 'function') return id;
      const run = () => {
        if (!interval) this.timers.delete(id);
        if (!this.closed) this.guard(() => fn(...args));
      };
      const delay = (Number(ms) || 0) / this.timeScale;
      const handle = interval ? setInterval(run, delay) : setTimeout(run, delay);
      this.timers.set(id, { handle, short: delay <= SHORT_TIMER_MS, interval });
      return id;
    };
    const clear = (id: number) => {
      const t = this.timers.get(id);
      if (!t) return;
      (t.interval ? clearInterval : clearTimeout)(t.handle);
      this.timers.delete(id);
    };
    return {
      wx: {},
      App(config: Record<string, unknown>) {
        self.appInstance = config;
      },
      Page(config: Record<string, unknown>) {
        const route = self.loadingRoute[self.loadingRoute.length - 1];
        if (!route) throw new Error('Page() called outside a page file');
        self.pageDefs.set(route, config);
      },
      Component(config: unknown) {
        self.componentDefs.set(self.loadingRoute[self.loadingRoute.length - 1] ?? '?', config);
      },
      Behavior: (config: unknown) => config,
      getApp: () => self.appInstance,
      getCurrentPages: () => [...self.pages],
      requirePlugin: (name: string) => {
        throw new Error(`plugin ${name} is not available in the harness`);
      },
      setTimeout: timer(false),
      setInterval: timer(true),
      clearTimeout: clear,
      clearInterval: clear,
      console: { log: log('log'), info: log('info'), debug: log('debug'), warn: log('warn'), error: log('error'), group: log('log'), groupEnd: () => undefined, time: () => undefined, timeEnd: () => undefined, trace: log('log') },
      __wxConfig: { envVersion: 'develop', pages: this.routes, global: { window: {} } },
    };
  }

  /** Runs a CommonJS file of the build inside the phone (WeChat wraps every file the same way). */
  private loadFile(file: string, root: string): unknown {
    const key = path.resolve(file);
    const hit = this.modules.get(key);
    if (hit) return hit.exports;
    const module = { exports: {} as unknown };
    this.modules.set(key, module);
    const code = readFileSync(key, 'utf8');
    const fn = vm.compileFunction(code, ['module', 'exports', 'require'], { parsingContext: this.ctx, filename: key });
    const require = (spec: string) => {
      let target = spec.startsWith('/') ? path.join(root, spec) : path.resolve(path.dirname(key), spec);
      if (!target.endsWith('.js') && !existsSync(target)) target += '.js';
      if (!target.startsWith(root)) throw new Error(`module "${spec}" is not defined`);
      if (!existsSync(target)) throw new Error(`module "${path.relative(root, target)}" is not defined`);
      return this.loadFile(target, root);
    };
    fn.call(module.exports, module, module.exports, require);
    return module.exports;
  }

  private loadPageDef(route: string): Record<string, unknown> {
    const known = this.pageDefs.get(route);
    if (known) return known;
    const file = path.join(this.dist, route + '.js');
    if (!existsSync(file)) throw new Error(`page "${route}" is not found`);
    this.loadingRoute.push(route);
    try {
      this.loadFile(file, this.dist);
    } finally {
      this.loadingRoute.pop();
    }
    const def = this.pageDefs.get(route);
    if (!def) throw new Error(`${route}.js did not call Page()`);
    // WeChat injects the components a page declares (lazyCodeLoading: requiredComponents) with it.
    this.loadComponents(path.join(this.dist, route));
    return def;
  }

  /** Runs the JS of every component in `<file>.json` usingComponents, and theirs (each once). */
  private loadComponents(file: string) {
    const json = file + '.json';
    if (!existsSync(json)) return;
    const using: Record<string, string> = JSON.parse(readFileSync(json, 'utf8')).usingComponents ?? {};
    for (const ref of Object.values(using)) {
      if (ref.startsWith('plugin://')) continue;
      const target = ref.startsWith('/') ? path.join(this.dist, ref) : path.resolve(path.dirname(file), ref);
      const js = target + '.js';
      if (this.modules.has(path.resolve(js))) continue;
      if (!existsSync(js)) throw new Error(`component ${path.relative(this.dist, target)} used by ${path.relative(this.dist, file)} is not found`);
      this.loadingRoute.push(path.relative(this.dist, target));
      try {
        this.loadFile(js, this.dist);
      } finally {
        this.loadingRoute.pop();
      }
      this.loadComponents(target);
    }
  }

  // ───────────────────────────── pages and the router ─────────────────────────────

  private isTab(route: string) {
    return (this.app.tabBar?.list ?? []).some((t) => t.pagePath === route);
  }

  private resolveRoute(url: string): [string, Record<string, string>] {
    const [raw, query] = splitUrl(url);
    if (url.startsWith('/')) return [raw, query];
    const base = path.posix.dirname(this.route || '');
    return [path.posix.normalize(path.posix.join(base, raw)), query];
  }

  private createPage(route: string, query: Record<string, string>): PageInstance {
    const def = this.loadPageDef(route);
    const inst = vm.runInContext('({})', this.ctx) as PageInstance;
    for (const [k, v] of Object.entries(def)) if (k !== 'data') inst[k] = v;
    inst.data = this.toCtx(def.data ?? {});
    inst.route = inst.__route__ = route;
    inst.options = this.toCtx(query);
    inst.__wxWebviewId__ = ++this.webviewId;
    inst.__wxExparserNodeId__ = `page-${this.webviewId}`;
    inst.setData = (patch: Record<string, unknown>, cb?: Fn) => this.applySetData(inst, patch, cb);
    inst.selectComponent = () => null;
    inst.selectAllComponents = () => this.toCtx([]);
    inst.createSelectorQuery = () => this.ctx.wx.createSelectorQuery();
    inst.getOpenerEventChannel = () => ({ on() {}, off() {}, emit() {}, once() {} });
    return inst;
  }

  private applySetData(inst: PageInstance, patch: Record<string, unknown>, cb?: Fn) {
    const json = JSON.stringify(patch);
    this.setDataLog.push({ route: inst.route, bytes: Buffer.byteLength(json), keys: Object.keys(patch).length });
    const copy = this.ctxJson.parse(json) as Record<string, unknown>;
    for (const [p, value] of Object.entries(copy)) setPath(inst.data, p, value, () => vm.runInContext('[]', this.ctx), () => vm.runInContext('({})', this.ctx));
    // WeChat calls back once the view has the data: later, never inside setData.
    if (typeof cb === 'function') this.ctx.setTimeout(() => cb.call(inst), 0);
  }

  private call(inst: PageInstance | null, hook: string, ...args: unknown[]) {
    const fn = inst?.[hook];
    if (typeof fn === 'function') this.guard(() => fn.apply(inst, args));
  }

  private loadAndShow(route: string, query: Record<string, string>): PageInstance {
    const inst = this.createPage(route, query);
    this.pages.push(inst);
    if (this.isTab(route)) this.tabInstances.set(route, inst);
    this.call(inst, 'onLoad', this.toCtx(query));
    this.call(inst, 'onShow');
    // onReady follows the first render of the view, after the lifecycles that started it.
    this.ctx.setTimeout(() => this.call(inst, 'onReady'), 0);
    return inst;
  }

  private unload(inst: PageInstance) {
    this.call(inst, 'onUnload');
    if (this.tabInstances.get(inst.route) === inst) this.tabInstances.delete(inst.route);
  }

  private async openPage(url: string, how: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch'): Promise<void> {
    const [route, query] = this.resolveRoute(url);
    if (!this.routes.includes(route)) throw wxFail(how, `page "${route}" is not found`);
    const tab = this.isTab(route);
    if ((how === 'navigateTo' || how === 'redirectTo') && tab) throw wxFail(how, `can not ${how} a tabbar page`);
    if (how === 'switchTab' && !tab) throw wxFail(how, 'can not switch to no-tabBar page');
    const top = this.pages[this.pages.length - 1] ?? null;
    if (how === 'navigateTo') {
      if (this.pages.length >= 10) throw wxFail(how, 'webview count limit exceed');
      this.call(top, 'onHide');
    } else if (how === 'redirectTo') {
      if (top) {
        this.pages.pop();
        this.unload(top);
      }
    } else if (how === 'switchTab') {
      // Every non-tab page closes; tab pages stay alive and are shown again.
      while (this.pages.length && !this.isTab(this.pages[this.pages.length - 1].route)) this.unload(this.pages.pop()!);
      const current = this.pages[0] ?? null;
      this.pages = [];
      const kept = this.tabInstances.get(route);
      // Only the page on top was showing: a tab page under a closed page was hidden already, and shows again.
      if (current && current === top && current !== kept) this.call(current, 'onHide');
      if (kept) {
        this.pages.push(kept);
        if (top !== kept) this.call(kept, 'onShow');
        return;
      }
    } else {
      while (this.pages.length) this.unload(this.pages.pop()!);
      for (const inst of this.tabInstances.values()) this.unload(inst);
      this.tabInstances.clear();
    }
    this.loadAndShow(route, query);
  }

  private async goBack(delta: number) {
    if (this.pages.length <= 1) throw wxFail('navigateBack', 'cannot navigate back at first page.');
    for (let i = 0; i < delta && this.pages.length > 1; i++) this.unload(this.pages.pop()!);
    this.call(this.pages[this.pages.length - 1], 'onShow');
  }

  /** Calls a wx API as the app would and waits for it. */
  private async callWx(name: string, options: Record<string, unknown>) {
    await new Promise<void>((resolve, reject) => {
      this.ctx.wx[name]({ ...options, success: () => resolve(), fail: (e: { errMsg: string }) => reject(new Error(e.errMsg)) });
    });
    await this.settle();
  }

  // ───────────────────────────── wx: what the harness adds to the mocks ─────────────────────────────

  private wxOverrides(): Record<string, unknown> {
    const route = (how: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch') => (o: { url: string } & Callbacks) =>
      this.wxAsync(how, o, async () => {
        await this.openPage(String(o.url), how);
        return {};
      });
    const storageGet = (key: string) => {
      const raw = this.storage.get(String(key));
      return raw === undefined ? undefined : this.ctxJson.parse(raw);
    };
    const storageInfo = () => ({ keys: [...this.storage.keys()], currentSize: Math.ceil([...this.storage.values()].join('').length / 1024), limitSize: 10240 });
    return {
      navigateTo: route('navigateTo'),
      redirectTo: route('redirectTo'),
      switchTab: route('switchTab'),
      reLaunch: route('reLaunch'),
      navigateBack: (o: { delta?: number } & Callbacks = {}) =>
        this.wxAsync('navigateBack', o, async () => {
          await this.goBack(Number(o.delta ?? 1) || 1);
          return {};
        }),
      // Storage: values go through JSON, as WeChat keeps them.
      setStorageSync: (key: string, value: unknown) => {
        this.storage.set(String(key), JSON.stringify(value ?? null));
      },
      getStorageSync: (key: string) => storageGet(key) ?? '',
      removeStorageSync: (key: string) => {
        this.storage.delete(String(key));
      },
      clearStorageSync: () => this.storage.clear(),
      getStorageInfoSync: () => this.toCtx(storageInfo()),
      setStorage: (o: { key: string; data: unknown } & Callbacks) =>
        this.wxAsync('setStorage', o, async () => {
          this.storage.set(String(o.key), JSON.stringify(o.data ?? null));
          return {};
        }),
      getStorage: (o: { key: string } & Callbacks) =>
        this.wxAsync('getStorage', o, async () => {
          const data = storageGet(o.key);
          if (data === undefined) throw new Error('data not found');
          return { data };
        }),
      removeStorage: (o: { key: string } & Callbacks) =>
        this.wxAsync('removeStorage', o, async () => {
          this.storage.delete(String(o.key));
          return {};
        }),
      clearStorage: (o: Callbacks = {}) =>
        this.wxAsync('clearStorage', o, async () => {
          this.storage.clear();
          return {};
        }),
      getStorageInfo: (o: Callbacks = {}) => this.wxAsync('getStorageInfo', o, async () => storageInfo()),
      // Dialogs: recorded; a modal is answered by `answerModal`.
      showModal: (o: Record<string, unknown> & Callbacks) =>
        this.wxAsync('showModal', o, async () => {
          // WeChat shows no modal and fails the call when a button's words are over 4 characters.
          for (const key of ['confirmText', 'cancelText']) {
            if (o[key] !== undefined && [...String(o[key])].length > 4) throw new Error(`${key} length should not larger than 4 Chinese characters`);
          }
          return this.recordModal(o);
        }),
      showToast: (o: Record<string, unknown> & Callbacks) =>
        this.wxAsync('showToast', o, async () => {
          this.toasts.push({ kind: 'toast', title: String(o.title ?? ''), options: plain(o) });
          return {};
        }),
      showActionSheet: (o: Record<string, unknown> & Callbacks) =>
        this.wxAsync('showActionSheet', o, async () => {
          this.modals.push({ kind: 'actionSheet', options: plain(o) });
          return { tapIndex: 0 };
        }),
      enableAlertBeforeUnload: (o: { message?: string } & Callbacks) =>
        this.wxAsync('enableAlertBeforeUnload', o, async () => {
          this.leaveGuard = String(o.message ?? '');
          return {};
        }),
      disableAlertBeforeUnload: (o: Callbacks = {}) =>
        this.wxAsync('disableAlertBeforeUnload', o, async () => {
          this.leaveGuard = null;
          return {};
        }),
      // Network state, controlled by setOnline.
      getNetworkType: (o: Callbacks = {}) => this.wxAsync('getNetworkType', o, async () => ({ networkType: this.online ? 'wifi' : 'none', signalStrength: 0 })),
      onNetworkStatusChange: (fn: Fn) => this.networkListeners.add(fn),
      offNetworkStatusChange: (fn?: Fn) => (fn ? this.networkListeners.delete(fn) : this.networkListeners.clear()),
      onAppShow: (fn: Fn) => this.appShowListeners.add(fn),
      offAppShow: (fn?: Fn) => (fn ? this.appShowListeners.delete(fn) : this.appShowListeners.clear()),
      // Privacy (base library 2.32.3+): nothing pending unless a test asks for it.
      // Privacy (app.json __usePrivacyCheck__): the first privacy API a user calls waits for their 同意.
      onNeedPrivacyAuthorization: (fn: Fn) => this.privacyListeners.add(fn),
      requirePrivacyAuthorize: (o: Callbacks = {}) =>
        this.wxAsync('requirePrivacyAuthorize', o, async () => {
          await this.privacyGate('requirePrivacyAuthorize');
          return {};
        }),
      getPrivacySetting: (o: Callbacks = {}) =>
        this.wxAsync('getPrivacySetting', o, async () => ({ needAuthorization: this.needsPrivacy(), privacyContractName: '《护航隐私保护指引》' })),
      openPrivacyContract: (o: Callbacks = {}) => this.wxAsync('openPrivacyContract', o, async () => ({})),
      // The album: what pickPhotos queued, as WeChat temp paths; nothing queued is a cancel.
      chooseImage: (o: { count?: number } & Callbacks) =>
        this.wxAsync('chooseImage', o, async () => {
          await this.privacyGate('chooseImage');
          const files = (this.picks.shift() ?? []).slice(0, Number(o.count ?? 9));
          if (!files.length) throw new Error('cancel');
          const tempFilePaths = files.map((f) => this.tempFile(f));
          return { tempFilePaths, tempFiles: tempFilePaths.map((p, i) => ({ path: p, size: readFileSync(files[i]).length })) };
        }),
      chooseMedia: (o: { count?: number } & Callbacks) =>
        this.wxAsync('chooseMedia', o, async () => {
          await this.privacyGate('chooseMedia');
          const files = (this.picks.shift() ?? []).slice(0, Number(o.count ?? 9));
          if (!files.length) throw new Error('cancel');
          return { type: 'image', tempFiles: files.map((f) => ({ tempFilePath: this.tempFile(f), size: readFileSync(f).length, fileType: 'image' })) };
        }),
      // A file from a WeChat chat (a teacher's roster sheet): what pickFiles queued; nothing queued is a cancel.
      chooseMessageFile: (o: { count?: number } & Callbacks) =>
        this.wxAsync('chooseMessageFile', o, async () => {
          const files = (this.filePicks.shift() ?? []).slice(0, Number(o.count ?? 1));
          if (!files.length) throw new Error('cancel');
          return { tempFiles: files.map((f) => ({ path: this.tempFile(f), name: path.basename(f), size: readFileSync(f).length, type: 'file', time: 0 })) };
        }),
      requestSubscribeMessage: (o: { tmplIds?: string[] } & Callbacks) =>
        this.wxAsync('requestSubscribeMessage', o, async () => Object.fromEntries((o.tmplIds ?? []).map((id) => [id, 'reject']))),
    };
  }

  /** wx.cloud: init, callFunction('api') answered by the real dispatcher as this phone's OPENID. */
  private cloudApi(): Record<string, unknown> {
    return {
      DYNAMIC_CURRENT_ENV: 'harness-env',
      init: () => undefined,
      callFunction: (o: { name: string; data?: unknown } & Callbacks) =>
        this.wxAsync('cloud.callFunction', o, async () => {
          if (!this.online) throw new Error('network error');
          if (o.name !== 'api') throw new Error(`function ${o.name} not found`);
          // The call crosses WeChat's bridge as JSON, and arrives with the caller's OPENID.
          const event = JSON.parse(JSON.stringify(o.data ?? {}));
          const result = await dispatch(event, identityForOpenid(this.cloud.serverKey, this.openid), this.cloud.env);
          return { result, requestID: `harness-${Date.now()}` };
        }),
      // The phone's upload to CloudBase storage: the file arrives carrying this phone's OPENID.
      uploadFile: (o: { cloudPath: string; filePath: string } & Callbacks) =>
        this.wxAsync('cloud.uploadFile', o, async () => {
          if (!this.online) throw new Error('network error');
          const host = this.tempFiles.get(String(o.filePath));
          if (!host) throw new Error(`file ${o.filePath} not found`);
          const fileID = this.cloudStorage.clientUpload(String(o.cloudPath), readFileSync(host), this.openid);
          return { fileID, statusCode: 200 };
        }),
    };
  }

  /** A WeChat-style async API: success/fail/complete callbacks, or a promise when none is given. */
  private wxAsync<T extends object>(name: string, o: Callbacks = {}, work: () => Promise<T>): unknown {
    this.inFlight++;
    const run = work().then(
      (res) => this.toCtx({ errMsg: `${name}:ok`, ...res }),
      (e: unknown) => {
        throw this.toCtx({ errMsg: `${name}:fail ${e instanceof Error ? e.message : String(e)}` });
      },
    );
    const done = () => {
      this.inFlight--;
    };
    if (o.success || o.fail || o.complete) {
      run.then(
        (res) => {
          done();
          this.guard(() => o.success?.(res));
          this.guard(() => o.complete?.(res));
        },
        (err) => {
          done();
          this.guard(() => o.fail?.(err));
          this.guard(() => o.complete?.(err));
        },
      );
      return undefined;
    }
    // A promise of the phone's own realm, settled after the harness has counted the call done.
    return new this.ctxPromise((resolve, reject) => run.then((r) => (done(), resolve(r)), (e) => (done(), reject(e))));
  }

  private recordModal(o: Record<string, unknown>) {
    this.modals.push({ kind: 'modal', title: String(o.title ?? ''), content: String(o.content ?? ''), options: plain(o) });
    const answer = this.answerModal(plain(o));
    return { confirm: answer.confirm, cancel: answer.cancel ?? !answer.confirm, ...(answer.content !== undefined ? { content: answer.content } : {}) };
  }

  // ───────────────────────────── helpers ─────────────────────────────

  private findField(target: string): WxNode {
    if (/^[.#a-z[]/i.test(target) && !/[\u4e00-\u9fff]/.test(target.split('[')[0])) {
      // H5 wraps an Input in a div (`.me__input input`); on weapp the class sits on the input itself.
      let hits = this.findAll(target);
      if (!hits.length && /\s(input|textarea)$/.test(target)) hits = this.findAll(target.replace(/\s+(input|textarea)$/, ''));
      const field = hits.map((n) => (isField(n) ? n : [...walk([n])].find(isField))).find(Boolean);
      if (field) return field;
    }
    const byPlaceholder = [...walk(this.tree())].find((n) => isField(n) && String(n.attrs.placeholder ?? '').includes(target));
    if (!byPlaceholder) throw new Error(`no input or textarea "${target}" on ${this.route}. The page shows:\n${this.text()}`);
    return byPlaceholder;
  }

  private needsPrivacy() {
    return !this.privacyAgreed && (this.app as { __usePrivacyCheck__?: boolean }).__usePrivacyCheck__ === true;
  }

  /**
   * WeChat's privacy protocol for a privacy API: nothing to do once agreed; else
   * the app's onNeedPrivacyAuthorization listener gets a resolve to call with
   * exposureAuthorization (its popup is shown), agree (only after a tap on an
   * agreePrivacyAuthorization button) or disagree (the API fails). With no
   * listener WeChat shows its own prompt, answered like a modal.
   */
  private privacyGate(api: string): Promise<void> {
    if (!this.needsPrivacy()) return Promise.resolve();
    if (!this.privacyListeners.size) {
      const answer = this.recordModal({ title: '隐私保护指引', content: `WeChat asks before ${api}` });
      this.privacyPrompts.push({ api, by: 'wechat', shown: true, answer: answer.confirm ? 'agree' : 'disagree' });
      if (!answer.confirm) return Promise.reject(new Error('privacy permission is not authorized'));
      this.privacyAgreed = true;
      return Promise.resolve();
    }
    const prompt: { api: string; by: 'app' | 'wechat'; shown: boolean; answer?: string } = { api, by: 'app', shown: false };
    this.privacyPrompts.push(prompt);
    this.waitingForPerson++;
    return new Promise<void>((resolve, reject) => {
      let done = false;
      const finish = (ok: boolean) => {
        if (done) return;
        done = true;
        this.waitingForPerson--;
        if (ok) resolve();
        else reject(new Error('privacy permission is not authorized'));
      };
      const answer = (res: { event?: string; buttonId?: string } = {}) => {
        if (res.event === 'exposureAuthorization') prompt.shown = true;
        else if (res.event === 'agree') {
          if (!this.privacyAgreed) {
            this.errors.push(new Error(`privacy: the app answered "agree" for ${api} without a tap on an agreePrivacyAuthorization button (WeChat refuses that)`));
            return;
          }
          prompt.answer = 'agree';
          finish(true);
        } else if (res.event === 'disagree') {
          prompt.answer = 'disagree';
          finish(false);
        }
      };
      for (const fn of [...this.privacyListeners]) this.guard(() => fn(answer));
    });
  }

  /**
   * A WeChat temp path (wxfile://…) for a host file, as chooseImage or a
   * canvas export hands out; wx.cloud.uploadFile reads it. For native
   * components (loaded, never drawn here): `phone.trigger(node, 'export', { tempFilePath: phone.tempFile(png) })`.
   */
  tempFile(host: string): string {
    const p = `wxfile://tmp_${this.tempFiles.size + 1}_${Math.random().toString(36).slice(2, 10)}${path.extname(host)}`;
    this.tempFiles.set(p, path.resolve(host));
    return p;
  }

  /** Calls the page's `eh` with the event object WeChat builds for `type` on `current` (target `target`). */
  private fire(type: string, current: WxNode, target: WxNode, detail: Record<string, unknown>) {
    const inst = this.page;
    const el = (n: WxNode) => ({ id: n.id, offsetLeft: 0, offsetTop: 0, dataset: { sid: n.sid } });
    const touch = { identifier: 0, pageX: 10, pageY: 10, clientX: 10, clientY: 10, force: 1 };
    const event = this.toCtx({
      type,
      timeStamp: Date.now() % 1e7,
      target: el(target),
      currentTarget: el(current),
      mark: {},
      detail,
      ...(type === 'tap' ? { touches: [touch], changedTouches: [touch] } : {}),
      mut: false,
    });
    if (typeof inst.eh !== 'function') throw new Error(`${inst.route} has no eh handler`);
    this.guard(() => inst.eh.call(inst, event));
  }

  /** Copies a value into the phone's realm (as WeChat's bridge would: through JSON). */
  private toCtx<T>(value: T): T {
    return value === undefined ? value : (this.ctxJson.parse(JSON.stringify(value)) as T);
  }

  /** Runs code of the app; what it throws is an uncaught error on the phone. */
  private guard(fn: () => unknown) {
    try {
      fn();
    } catch (e) {
      this.errors.push(e);
      if (process.env.WEAPP_DEBUG) process.stdout.write(`[weapp uncaught] ${errorText(e)}\n`);
    }
  }
}

interface Callbacks { success?: Fn; fail?: Fn; complete?: Fn }

function wxFail(api: string, message: string) {
  return new Error(`${api}:fail ${message}`);
}

function splitUrl(url: string): [string, Record<string, string>] {
  const [p, q = ''] = url.split('?');
  const query: Record<string, string> = {};
  for (const pair of q.split('&').filter(Boolean)) {
    const [k, v = ''] = pair.split('=');
    query[k] = v; // WeChat hands the query to onLoad as written (still encoded)
  }
  return [p.replace(/^\//, ''), query];
}

/** WeChat's setData path syntax: `a.b[2].c`, and Taro's `root.cn.[0].cn.[3]`. */
function setPath(target: any, p: string, value: unknown, newArray: () => unknown[], newObject: () => object) {
  const keys: (string | number)[] = [];
  for (const m of p.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) keys.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  let obj = target;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i];
    if (obj[k] === null || typeof obj[k] !== 'object') obj[k] = typeof keys[i + 1] === 'number' ? newArray() : newObject();
    obj = obj[k];
  }
  obj[keys[keys.length - 1]] = value;
}

function isAncestor(a: WxNode, b: WxNode) {
  for (let p = b.parent; p; p = p.parent) if (p === a) return true;
  return false;
}

function isField(n: WxNode) {
  return n.tag === 'input' || n.tag === 'textarea';
}

function describe(n: WxNode) {
  return `<${n.tag}${n.cls.length ? ' class="' + n.cls.join(' ') + '"' : ''}> "${textContent(n).slice(0, 30)}"`;
}

function plain(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v !== 'function'));
}

function errorText(e: unknown): string {
  if (e instanceof Error || (e && typeof e === 'object' && 'stack' in e)) return String((e as Error).stack ?? e);
  if (typeof e === 'string') return e;
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
}

/** Installs a Date in the phone whose "now" is the cloud clock; every other use of Date is the real one. */
const PHONE_DATE = `(function (now) {
  var RealDate = Date;
  function PhoneDate(a, b, c, d, e, f, g) {
    if (!(this instanceof PhoneDate)) return new RealDate(now()).toString();
    switch (arguments.length) {
      case 0: return new RealDate(now());
      case 1: return new RealDate(a);
      default: return new RealDate(a, b, c === undefined ? 1 : c, d || 0, e || 0, f || 0, g || 0);
    }
  }
  PhoneDate.prototype = RealDate.prototype;
  PhoneDate.now = function () { return now(); };
  PhoneDate.parse = RealDate.parse;
  PhoneDate.UTC = RealDate.UTC;
  Date = PhoneDate;
})`;

const hostSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
