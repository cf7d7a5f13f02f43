/**
 * Reading a Taro page the way WeChat's renderer would: the page's `data.root`
 * (the serialized tree Taro sends with setData) walked through the templates
 * of the built `base.wxml` and the helpers of `utils.wxs`, exactly as the
 * `<template is="{{xs.a(c, item.nn, l)}}">` chain picks them. The result is a
 * readable tree (tag, class, attributes by their WXML names, text) plus the
 * nodes WeChat could not draw (no template for their `nn`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

/** One template of base.wxml, reduced to what the harness needs. */
export interface Template {
  name: string;
  /** the element it draws (view, text, input, button …); null for text, switches and the container */
  tag: string | null;
  /** WXML attribute → the node field it reads (`placeholder` → `p13`) */
  attrs: Record<string, string>;
  /** event type → how it is bound ('bind' bubbles on, 'catch' stops it) */
  events: Record<string, 'bind' | 'catch'>;
  /** how it draws its children: by xs.a (next level), by the level-15 container, or not at all */
  children: 'next' | 'container' | 'none';
  /** `tmpl_0_33`-style switch to `<name>_focus` / `<name>_blur` */
  focusSwitch: boolean;
}

interface Wxs {
  a(c: number, nn: string, l: string): string;
  c(i: { focus?: unknown; nn: string }, prefix: string): string;
  f(l: string, nn: string): string;
}

export interface Templates {
  byName: Map<string, Template>;
  xs: Wxs;
}

const ATTR = /([\w:-]+)="([^"]*)"/g;
const EVENT_ATTR = /^(bind|catch|capture-bind|capture-catch|mut-bind):?([a-z]+)$/;

function parseTemplate(name: string, body: string): Template {
  const t: Template = { name, tag: null, attrs: {}, events: {}, children: 'none', focusSwitch: false };
  if (/is="\{\{xs\.c\(i,/.test(body)) t.focusSwitch = true;
  if (/is="\{\{xs\.a\(c, item\.nn, l\)\}\}"/.test(body)) t.children = 'next';
  else if (/is="\{\{xs\.e\(15\)\}\}"/.test(body)) t.children = 'container';
  const open = /<(?!template\b|block\b|\/)([a-z][\w-]*)\s([^>]*)>/.exec(body);
  if (open) {
    t.tag = open[1];
    for (const m of open[2].matchAll(ATTR)) {
      const [, attr, value] = m;
      const ev = EVENT_ATTR.exec(attr);
      if (ev && value === 'eh') t.events[ev[2]] = ev[1].includes('catch') ? 'catch' : 'bind';
      const field = /\bi\.(\w+)/.exec(value);
      if (!ev && field) t.attrs[attr] = field[1];
    }
  }
  return t;
}

const cache = new Map<string, Templates>();

/** The templates of a weapp build (`dist/weapp`), read once per folder. */
export function loadTemplates(dist: string): Templates {
  const hit = cache.get(dist);
  if (hit) return hit;
  const base = readFileSync(path.join(dist, 'base.wxml'), 'utf8');
  const byName = new Map<string, Template>();
  for (const m of base.matchAll(/<template name="([^"]+)">([\s\S]*?)<\/template>/g)) byName.set(m[1], parseTemplate(m[1], m[2]));
  // utils.wxs is ES5 with a CommonJS export: run it as WeChat's WXS engine would.
  const module = { exports: {} as Wxs };
  vm.runInNewContext(readFileSync(path.join(dist, 'utils.wxs'), 'utf8'), { module });
  const t = { byName, xs: module.exports };
  cache.set(dist, t);
  return t;
}

/** A node of the page as WeChat draws it. */
export interface WxNode {
  sid: string;
  nn: string;
  /** '#text' for text, else the element the template draws ('view', 'input', …) */
  tag: string;
  /** the template WeChat picks for it ('' when none could be found) */
  template: string;
  /** the class list (Taro's `cl`) */
  cls: string[];
  /** the id WeChat gives the element (Taro's `uid` or `sid`) */
  id: string;
  /** attributes by their WXML names: placeholder, value, disabled, src … */
  attrs: Record<string, unknown>;
  /** text nodes: their text */
  v?: string;
  /** event types this element has bound to the page's `eh`, and whether each stops bubbling */
  events: Record<string, 'bind' | 'catch'>;
  children: WxNode[];
  parent: WxNode | null;
}

export interface Problem { kind: 'no-template'; detail: string }

interface RawNode { sid?: string; nn?: string; cn?: RawNode[]; v?: string; cl?: string; uid?: string; focus?: unknown; [k: string]: unknown }

/** Walks `data.root` through the templates; nodes with no template are reported, not drawn. */
export function readTree(root: { cn?: RawNode[] } | undefined, t: Templates): { nodes: WxNode[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const build = (raw: RawNode, name: string, parent: WxNode | null, c: number, l: string): WxNode | null => {
    const nn = String(raw.nn ?? '');
    let tmpl = t.byName.get(name);
    let dataC = c;
    let dataL = l;
    if (name === 'tmpl_15_container') {
      // Below level 15 a node is drawn by the recursive `comp` component, which starts again at level 0.
      name = nn === '9' ? 'tmpl_0_9' : 'tmpl_0_' + nn;
      tmpl = t.byName.get(name);
      dataC = 1;
      dataL = t.xs.f('', nn);
    }
    if (tmpl?.focusSwitch) {
      name = t.xs.c({ focus: raw.focus, nn }, 'tmpl_0_');
      tmpl = t.byName.get(name);
    }
    if (!tmpl) {
      problems.push({ kind: 'no-template', detail: `node ${raw.sid ?? '?'} (nn "${nn}") needs template ${name}, which base.wxml does not have` });
      return null;
    }
    const node: WxNode = {
      sid: String(raw.sid ?? ''),
      nn,
      tag: nn === '9' || name.endsWith('_9') ? '#text' : tmpl.tag ?? '?',
      template: name,
      cls: typeof raw.cl === 'string' ? raw.cl.split(/\s+/).filter(Boolean) : [],
      id: String(raw.uid ?? raw.sid ?? ''),
      attrs: {},
      events: tmpl.events,
      children: [],
      parent,
    };
    if (node.tag === '#text') node.v = String(raw.v ?? '');
    for (const [attr, field] of Object.entries(tmpl.attrs)) if (raw[field] !== undefined) node.attrs[attr] = raw[field];
    const kids = raw.cn ?? [];
    if (tmpl.children !== 'none') {
      for (const kid of kids) {
        const kidNn = String(kid.nn ?? '');
        const kidName = tmpl.children === 'container' ? 'tmpl_15_container' : t.xs.a(dataC, kidNn, dataL);
        const child = build(kid, kidName, node, dataC + 1, t.xs.f(dataL, kidNn));
        if (child) node.children.push(child);
      }
    }
    return node;
  };
  const nodes: WxNode[] = [];
  for (const raw of root?.cn ?? []) {
    const nn = String(raw.nn ?? '');
    const node = build(raw, t.xs.a(0, nn, ''), null, 1, t.xs.f('', nn));
    if (node) nodes.push(node);
  }
  return { nodes, problems };
}

/** Every node, depth first, in document order. */
export function* walk(nodes: WxNode[]): Generator<WxNode> {
  for (const n of nodes) {
    yield n;
    yield* walk(n.children);
  }
}

/** All the text under a node, as one string (like textContent). */
export function textContent(node: WxNode): string {
  if (node.tag === '#text') return node.v ?? '';
  return node.children.map(textContent).join('');
}

/**
 * The text a person reads: one line per block (view, button …) holding its
 * own text, the pieces of a sentence joined (React splits `第{n}步` into
 * several text nodes), in document order.
 */
export function readableText(nodes: WxNode[]): string {
  const lines: string[] = [];
  const inline = (n: WxNode) => n.tag === '#text' || n.tag === 'text';
  const block = (children: WxNode[]) => {
    let line = '';
    const flush = () => {
      if (line.trim()) lines.push(line.trim());
      line = '';
    };
    for (const kid of children) {
      if (inline(kid)) line += textContent(kid);
      else {
        flush();
        block(kid.children);
      }
    }
    flush();
  };
  block(nodes);
  return lines.join('\n');
}

/**
 * A small CSS-like selector: simple parts (`view`, `.cls`, `#id`, `input.cls.other`,
 * `[placeholder*=查询码]`) joined by spaces as descendants.
 */
export function matches(node: WxNode, selector: string): boolean {
  const parts = selector.trim().split(/\s+/);
  const simple = (n: WxNode, part: string): boolean => {
    const re = /^([a-z][\w-]*|\*)?((?:[.#][\w-]+)*)((?:\[[\w-]+(?:[*^$]?=[^\]]*)?\])*)$/i.exec(part);
    if (!re) throw new Error(`the weapp harness does not understand the selector "${part}"`);
    const [, tag, rest, attrs] = re;
    if (tag && tag !== '*' && n.tag !== tag) return false;
    for (const m of rest.matchAll(/([.#])([\w-]+)/g)) {
      if (m[1] === '.' && !n.cls.includes(m[2])) return false;
      if (m[1] === '#' && n.id !== m[2]) return false;
    }
    for (const m of attrs.matchAll(/\[([\w-]+)(?:([*^$]?=)([^\]]*))?\]/g)) {
      const value = n.attrs[m[1]];
      if (value === undefined) return false;
      if (!m[2]) continue;
      const want = m[3].replace(/^["']|["']$/g, '');
      const have = String(value);
      if (m[2] === '=' && have !== want) return false;
      if (m[2] === '*=' && !have.includes(want)) return false;
      if (m[2] === '^=' && !have.startsWith(want)) return false;
      if (m[2] === '$=' && !have.endsWith(want)) return false;
    }
    return true;
  };
  if (!simple(node, parts[parts.length - 1])) return false;
  let i = parts.length - 2;
  for (let p = node.parent; p && i >= 0; p = p.parent) if (simple(p, parts[i])) i--;
  return i < 0;
}
