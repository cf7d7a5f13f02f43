/**
 * The native signature pad, loaded as the WeChat runtime sees it
 * (miniprogram-simulate: load → render → attach). miniprogram-simulate has
 * no canvas, so the component's canvas query is answered by a stub that
 * records drawing calls.
 */
import path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulate = require('miniprogram-simulate');

const COMPONENT = path.resolve(__dirname, '../../src/components/native/signature-pad/index');
// Load once: the component's index.js runs (and calls Component()) only on its first require.
let componentId: string;
beforeAll(() => {
  componentId = simulate.load(COMPONENT);
});

interface Change { empty: boolean; strokes: number }

/** A 2d context that remembers what was drawn. */
function fakeContext() {
  const calls: string[] = [];
  const record = (name: string) => (...args: unknown[]) => {
    calls.push(`${name}(${args.join(',')})`);
  };
  return {
    calls,
    ctx: {
      scale: record('scale'),
      beginPath: record('beginPath'),
      moveTo: record('moveTo'),
      lineTo: record('lineTo'),
      stroke: record('stroke'),
      clearRect: record('clearRect'),
      lineWidth: 0,
      strokeStyle: '',
      lineCap: '',
      lineJoin: '',
    },
  };
}

/** Answers `createSelectorQuery().select('#pad').fields(...).exec(cb)` with a fake canvas node. */
function stubCanvasQuery(instance: { createSelectorQuery: () => unknown }, ctx: object) {
  const canvas = { width: 0, height: 0, getContext: (kind: string) => (kind === '2d' ? ctx : null) };
  const query = {
    select: () => query,
    fields: () => query,
    exec: (cb: (res: unknown[]) => void) => cb([{ node: canvas, width: 300, height: 200, left: 0, top: 0 }]),
  };
  instance.createSelectorQuery = () => query;
  return canvas;
}

function mount() {
  const comp = simulate.render(componentId, { height: 400 });
  const { ctx, calls } = fakeContext();
  stubCanvasQuery(comp.instance, ctx);
  const changes: Change[] = [];
  comp.addEventListener('change', (e: { detail: Change }) => changes.push(e.detail));
  comp.attach(document.createElement('parent-wrapper'));
  return { comp, calls, changes, pad: comp.querySelector('#pad') };
}

async function drawStroke(pad: { dispatchEvent: (name: string, opts?: object) => void }, points: [number, number][]) {
  const [first, ...rest] = points;
  pad.dispatchEvent('touchstart', { touches: [{ x: first[0], y: first[1] }] });
  await simulate.sleep(0);
  for (const [x, y] of rest) {
    pad.dispatchEvent('touchmove', { touches: [{ x, y }] });
    await simulate.sleep(0);
  }
  pad.dispatchEvent('touchend', { touches: [], changedTouches: [{ x: 0, y: 0 }] });
  await simulate.sleep(0);
}

describe('signature-pad (native)', () => {
  it('renders empty, with the hint and its undo/clear buttons', () => {
    const { comp } = mount();
    expect(comp.data.empty).toBe(true);
    expect(comp.dom.textContent).toContain('请用手指在这里签名');
    expect(comp.querySelector('#undo').dom.textContent).toBe('撤销一笔');
    expect(comp.querySelector('#clear').dom.textContent).toBe('全部清除');
  });

  it('draws a stroke from touches and reports one stroke once the finger lifts', async () => {
    const { comp, calls, changes, pad } = mount();
    await drawStroke(pad, [[10, 10], [20, 15], [30, 25]]);

    expect(changes).toEqual([{ empty: false, strokes: 1 }]);
    expect(comp.data.empty).toBe(false);
    expect(comp.dom.textContent).not.toContain('请用手指在这里签名');
    // Every move was drawn straight onto the canvas, with no event per move.
    expect(calls).toContain('lineTo(20,15)');
    expect(calls).toContain('lineTo(30,25)');
  });

  it('undo removes the last stroke; clear empties the pad', async () => {
    const { comp, changes, pad } = mount();
    await drawStroke(pad, [[10, 10], [40, 40]]);
    await drawStroke(pad, [[50, 50], [60, 70]]);
    expect(changes.map((c) => c.strokes)).toEqual([1, 2]);

    comp.querySelector('#undo').dispatchEvent('tap');
    await simulate.sleep(0);
    expect(changes[changes.length - 1]).toEqual({ empty: false, strokes: 1 });

    comp.querySelector('#clear').dispatchEvent('tap');
    await simulate.sleep(0);
    expect(changes[changes.length - 1]).toEqual({ empty: true, strokes: 0 });
    expect(comp.data.empty).toBe(true);
  });

  it('refuses to export an empty pad, with a Chinese reason in the export event', async () => {
    const { comp } = mount();
    const exported: unknown[] = [];
    comp.addEventListener('export', (e: { detail: unknown }) => exported.push(e.detail));
    await expect(comp.instance.exportImage()).rejects.toThrow('请先签名');
    expect(exported).toEqual([{ error: '请先签名。' }]);
  });

  it('exports a PNG through canvasToTempFilePath', async () => {
    const { comp, pad } = mount();
    await drawStroke(pad, [[10, 10], [40, 40]]);
    const g = globalThis as { wx?: Record<string, unknown> };
    const saved = g.wx;
    const canvasToTempFilePath = jest.fn((opts: { fileType: string; success: (r: { tempFilePath: string }) => void }) =>
      opts.success({ tempFilePath: 'wxfile://tmp/sign.png' }),
    );
    g.wx = { ...(saved ?? {}), canvasToTempFilePath };
    try {
      const exported: unknown[] = [];
      comp.addEventListener('export', (e: { detail: unknown }) => exported.push(e.detail));
      await expect(comp.instance.exportImage()).resolves.toBe('wxfile://tmp/sign.png');
      expect(canvasToTempFilePath.mock.calls[0][0].fileType).toBe('png');
      expect(exported).toEqual([{ tempFilePath: 'wxfile://tmp/sign.png' }]);
    } finally {
      g.wx = saved;
    }
  });

  it('keeps working without a canvas (old base library): strokes still counted', async () => {
    const comp = simulate.render(componentId, {});
    const changes: Change[] = [];
    comp.addEventListener('change', (e: { detail: Change }) => changes.push(e.detail));
    comp.attach(document.createElement('parent-wrapper'));
    await drawStroke(comp.querySelector('#pad'), [[1, 1], [2, 2]]);
    expect(changes).toEqual([{ empty: false, strokes: 1 }]);
  });
});
