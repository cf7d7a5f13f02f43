/**
 * The second tier: WeChat's own compilers (wcc for WXML, wcsc for WXSS, from
 * miniprogram-compiler, which miniprogram-simulate brings) compile the whole
 * build, and j-component renders one page's compiled WXML with the data a
 * harness phone captured. Events the rendered DOM fires go to that phone's
 * page (`eh`), so a tap on the DOM drives the real page. Needs jsdom
 * (`@jest-environment jsdom` in the test file).
 */
import { DIST, type Phone } from './harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const jComponent = require('j-component');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const compiler = require('miniprogram-compiler');

type Gwx = (file: string) => unknown;
/** What wcsc made of the build's WXSS: the style of one file (by path), or undefined. */
type Wxss = (file: string) => unknown;

export interface Compiled { gwx: Gwx; wxss: Wxss; ms: { wxml: number; wxss: number } }

/** Compiles every WXML and WXSS file of a build with WeChat's compilers (throws on what they refuse). */
export function compileBuild(dist = DIST): Compiled {
  (window as unknown as { __webview_engine_version__: number }).__webview_engine_version__ = 0.02;
  let t = Date.now();
  // eslint-disable-next-line no-new-func
  const gwx = new Function(compiler.wxmlToJs(dist))() as Gwx;
  const wxml = Date.now() - t;
  t = Date.now();
  // eslint-disable-next-line no-new-func
  const wxss = new Function(compiler.wxssToJs(dist))() as Wxss;
  return { gwx, wxss, ms: { wxml, wxss: Date.now() - t } };
}

interface JNode { dom: HTMLElement; dispatchEvent(name: string, options?: { detail?: unknown }): void }
interface JView extends JNode { attach(parent: HTMLElement): void; setData(data: unknown): void; querySelector(sel: string): JNode | undefined }

export interface Rendered {
  /** the rendered page's DOM */
  dom: HTMLElement;
  /** sends the phone's current page data to the view (after the page changed) */
  sync(): void;
  /** a component event on the first element matching `selector` (WXML selector), then waits for the page */
  fire(selector: string, type: string, detail?: unknown): Promise<void>;
}

let counter = 0;

/** Renders the phone's front page with the build's compiled WXML, its events wired to the page. */
export function renderPage(phone: Phone, compiled: Compiled): Rendered {
  const n = ++counter;
  const events: object[] = [];
  const eh = (e: { type: string; detail: unknown; target: unknown; currentTarget: unknown; timeStamp: number }) => {
    events.push({ type: e.type, timeStamp: e.timeStamp, detail: e.detail, target: e.target, currentTarget: e.currentTarget, mark: {}, mut: false });
  };
  // Taro's recursive `comp` (nodes deeper than 15 levels), as comp.json declares it.
  const comp = jComponent.register({
    id: `taro-comp-${n}`,
    tagName: 'comp',
    template: compiled.gwx('comp.wxml'),
    usingComponents: { comp: `taro-comp-${n}` },
    properties: { i: { type: Object, value: {} }, l: { type: String, value: '' } },
    methods: { eh },
  });
  const page = jComponent.register({
    id: `page-${n}`,
    template: compiled.gwx(`${phone.route}.wxml`),
    usingComponents: { comp },
    data: JSON.parse(JSON.stringify(phone.data())),
    methods: { eh },
  });
  const view = jComponent.create(page) as JView;
  const parent = document.createElement('div');
  view.attach(parent);
  const rendered: Rendered = {
    dom: view.dom,
    sync: () => view.setData(JSON.parse(JSON.stringify(phone.data()))),
    async fire(selector, type, detail = {}) {
      const node = view.querySelector(selector);
      if (!node) throw new Error(`nothing matches "${selector}" in the rendered ${phone.route}`);
      node.dispatchEvent(type, { detail });
      // j-component dispatches on a microtask, then exparser bubbles it to every bound `eh`.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (!events.length) throw new Error(`the ${type} on "${selector}" reached no eh`);
      for (const e of events.splice(0)) await phone.deliver(e);
      rendered.sync();
    },
  };
  return rendered;
}
