import { act, createEvent, fireEvent, render, screen } from '@testing-library/react';
import { createRef } from 'react';
import SignaturePad, { type SignatureChange, type SignaturePadHandle } from '../../src/components/SignaturePad/index.h5';

/** jsdom has no 2d canvas: record the drawing calls instead. */
const drawn: string[] = [];
beforeAll(() => {
  const ctx = new Proxy({}, { get: (_t, name) => (typeof name === 'string' && /^[a-z]/.test(name) ? (...a: unknown[]) => drawn.push(`${name}(${a.join(',')})`) : undefined), set: () => true });
  HTMLCanvasElement.prototype.getContext = (() => ctx) as unknown as HTMLCanvasElement['getContext'];
  HTMLCanvasElement.prototype.toDataURL = () => 'data:image/png;base64,AAAA';
});

function pointer(el: Element, type: 'pointerDown' | 'pointerMove' | 'pointerUp', x: number, y: number) {
  const ev = createEvent[type](el);
  Object.defineProperties(ev, { clientX: { value: x }, clientY: { value: y }, pointerId: { value: 1 } });
  fireEvent(el, ev);
}

describe('SignaturePad (H5)', () => {
  it('reports a stroke after the pointer lifts, undoes it, and refuses to export when empty', async () => {
    const changes: SignatureChange[] = [];
    const ref = createRef<SignaturePadHandle>();
    const { container } = render(<SignaturePad ref={ref} onChange={(c) => changes.push(c)} />);
    const canvas = container.querySelector('canvas')!;

    pointer(canvas, 'pointerDown', 10, 10);
    pointer(canvas, 'pointerMove', 30, 40);
    pointer(canvas, 'pointerUp', 30, 40);
    expect(changes).toEqual([{ empty: false, strokes: 1 }]);
    expect(drawn).toContain('lineTo(30,40)');
    await expect(ref.current!.exportPng()).resolves.toMatch(/^data:image\/png/);

    act(() => {
      fireEvent.click(screen.getByText('撤销一笔'));
    });
    expect(changes[changes.length - 1]).toEqual({ empty: true, strokes: 0 });
    await expect(ref.current!.exportPng()).rejects.toThrow('请先签名');
  });
});
