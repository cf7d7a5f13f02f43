/**
 * What the harness can tell about layout without a renderer: whether an
 * element that listens to taps is pushed off a 375 px phone (750 rpx) by a
 * row that cannot wrap (issue 18: the 一生一策 file's tabs at x = 422-499).
 *
 * Method. The page's WXSS (app.wxss and the page's own file, with their
 * @imports, exactly as the build emits them) is parsed into rules of class
 * selectors (compound `.a.b` and descendant `.a .b`; anything else is
 * ignored) and cascaded by specificity and order onto the rendered tree
 * (`data.root`, read through base.wxml as the other checks read it). Each
 * element gets a minimum outer width in rpx: its `width` or `min-width`, or
 * else what its children need (a flex row that does not wrap needs the sum of
 * its children and the gaps; anything else needs its widest child), plus its
 * padding, border and margin; text wraps and needs nothing, unless it sits
 * under `white-space: nowrap` (then one font-size per character). Laying the
 * children of every non-wrapping flex row side by side from the left of its
 * content box, every tappable element whose right edge passes the viewport is
 * reported, with its text and the x range it would occupy.
 *
 * Not seen: widths set in px/% by script, absolute positioning, font metrics,
 * the native tab bar and navigation bar. A clean answer here is necessary,
 * not sufficient: the browser tests measure the H5 build for real.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { textContent, walk, type WxNode } from './wxml';

export const PHONE_RPX = 750;

interface Rule { parts: string[][]; specificity: number; order: number; decls: Record<string, string> }

function readWxss(file: string, seen = new Set<string>()): string {
  if (seen.has(file) || !existsSync(file)) return '';
  seen.add(file);
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  return text.replace(/@import\s+["']([^"']+)["'];?/g, (_m, rel: string) => readWxss(path.resolve(path.dirname(file), rel), seen));
}

/** Top-level rules only: @media, @keyframes and the like are skipped whole. */
function parseRules(css: string, start: number): Rule[] {
  const rules: Rule[] = [];
  let i = 0;
  let order = start;
  while (i < css.length) {
    const open = css.indexOf('{', i);
    if (open < 0) break;
    const head = css.slice(i, open).trim();
    if (head.startsWith('@')) {
      let depth = 1;
      let j = open + 1;
      while (j < css.length && depth > 0) {
        if (css[j] === '{') depth++;
        else if (css[j] === '}') depth--;
        j++;
      }
      i = j;
      continue;
    }
    const close = css.indexOf('}', open);
    const body = css.slice(open + 1, close);
    i = close + 1;
    const decls: Record<string, string> = {};
    for (const d of body.split(';')) {
      const k = d.indexOf(':');
      if (k > 0) decls[d.slice(0, k).trim()] = d.slice(k + 1).trim();
    }
    for (const sel of head.split(',')) {
      const s = sel.trim();
      if (!/^(\.[\w-]+)+(\s+(\.[\w-]+)+)*$/.test(s)) continue;
      const parts = s.split(/\s+/).map((c) => c.split('.').filter(Boolean));
      rules.push({ parts, specificity: parts.flat().length, order: order++, decls });
    }
  }
  return rules;
}

/** The rules a page of the build sees: app.wxss, then the page's own WXSS. */
export function loadStyles(dist: string, route: string): Rule[] {
  const app = parseRules(readWxss(path.join(dist, 'app.wxss')), 0);
  return [...app, ...parseRules(readWxss(path.join(dist, `${route.replace(/^\//, '')}.wxss`)), app.length)];
}

const has = (node: WxNode, classes: string[]) => classes.every((c) => node.cls.includes(c));

function matchesRule(node: WxNode, parts: string[][]): boolean {
  if (!has(node, parts[parts.length - 1])) return false;
  let k = parts.length - 2;
  for (let a = node.parent; a && k >= 0; a = a.parent) if (has(a, parts[k])) k--;
  return k < 0;
}

function styleOf(node: WxNode, rules: Rule[]): Record<string, string> {
  const out: Record<string, string> = {};
  rules
    .filter((r) => matchesRule(node, r.parts))
    .sort((a, b) => a.specificity - b.specificity || a.order - b.order)
    .forEach((r) => Object.assign(out, r.decls));
  return out;
}

const rpx = (v: string | undefined): number => {
  const m = /^(-?[\d.]+)rpx$/.exec((v ?? '').trim());
  return m ? Number(m[1]) : 0;
};

/** [top, right, bottom, left] from a shorthand like `16rpx 24rpx`. */
function box(v: string | undefined): number[] {
  const p = (v ?? '').trim().split(/\s+/).map(rpx);
  const [t = 0, r = t, b = t, l = r] = p;
  return [t, r, b, l];
}

interface Measured { node: WxNode; style: Record<string, string>; inner: number; outer: number; edges: number; leftEdge: number; marginLeft: number; children: Measured[] }

function measure(node: WxNode, rules: Rule[], nowrap: boolean, font: number): Measured {
  const style = node.tag === '#text' ? {} : styleOf(node, rules);
  const f = rpx(style['font-size']) || font;
  const noWrap = nowrap || style['white-space'] === 'nowrap';
  const children = node.children.map((c) => measure(c, rules, noWrap, f));
  const pad = box(style.padding);
  const padL = style['padding-left'] ? rpx(style['padding-left']) : pad[3];
  const padR = style['padding-right'] ? rpx(style['padding-right']) : pad[1];
  const borderW = rpx((style.border ?? style['border-width'] ?? '').split(/\s+/)[0]);
  const mar = box(style.margin);
  const marginLeft = style['margin-left'] ? rpx(style['margin-left']) : mar[3];
  const marginRight = style['margin-right'] ? rpx(style['margin-right']) : mar[1];
  let inner: number;
  if (node.tag === '#text') inner = noWrap ? [...(node.v ?? '')].length * f : 0;
  else if (isRow(style)) inner = children.reduce((s, c) => s + c.outer, 0) + rpx(style.gap ?? style['column-gap']) * Math.max(0, children.length - 1);
  else inner = Math.max(0, ...children.map((c) => c.outer));
  const fixed = Math.max(rpx(style.width), rpx(style['min-width']));
  const edges = padL + padR + 2 * borderW;
  const borderBox = style['box-sizing'] === 'border-box';
  const own = fixed ? (borderBox ? Math.max(fixed, edges) : fixed + edges) : inner + edges;
  return { node, style, inner, outer: own + marginLeft + marginRight, edges, leftEdge: padL + borderW, marginLeft, children };
}

function isRow(style: Record<string, string>): boolean {
  const flex = /(^|\s)(-webkit-)?(inline-)?flex$/.test(style.display ?? '') || /flex/.test(style.display ?? '');
  const dir = style['flex-direction'] ?? 'row';
  const wrap = style['flex-wrap'] ?? (style['flex-flow']?.includes('wrap') ? 'wrap' : 'nowrap');
  return flex && dir.startsWith('row') && wrap === 'nowrap';
}

export interface Offscreen { text: string; left: number; right: number }

/** Tappable elements a 750 rpx wide phone would draw past its right edge. */
export function offscreenTappables(tree: WxNode[], rules: Rule[], width = PHONE_RPX): Offscreen[] {
  const out: Offscreen[] = [];
  const place = (m: Measured, left: number) => {
    const start = left + m.marginLeft;
    const right = start + m.outer - m.marginLeft;
    if (m.node.events.tap && m.node.tag !== '#text' && right > width + 0.5) {
      out.push({ text: textContent(m.node).trim().slice(0, 20) || m.node.cls.join('.'), left: Math.round(start / 2), right: Math.round(right / 2) });
    }
    const contentLeft = start + m.leftEdge;
    if (isRow(m.style)) {
      let x = contentLeft;
      const gap = rpx(m.style.gap ?? m.style['column-gap']);
      for (const c of m.children) {
        place(c, x);
        x += c.outer + gap;
      }
    } else for (const c of m.children) place(c, contentLeft);
  };
  for (const root of tree) place(measure(root, rules, false, 34), 0);
  // One report per element: an ancestor reported already covers the text of its children.
  return out.filter((o, i) => out.findIndex((p) => p.text === o.text && p.left === o.left) === i);
}

/** Counts what was measured (to tell "nothing found" from "nothing styled"). */
export function styledCount(tree: WxNode[], rules: Rule[]): number {
  return [...walk(tree)].filter((n) => n.tag !== '#text' && Object.keys(styleOf(n, rules)).length > 0).length;
}
