/**
 * H5: the same pad on a plain <canvas> with pointer events (mouse, finger,
 * stylus). Strokes are kept so undo can redraw; nothing goes through React
 * state while drawing.
 */
import Taro from '@tarojs/taro';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { SignaturePadHandle, SignaturePadProps } from './types';
import './index.scss';

export * from './types';

type Point = { x: number; y: number };

const SignaturePad = forwardRef<SignaturePadHandle, SignaturePadProps>(function SignaturePad({ height = 400, onChange }, ref) {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const strokes = useRef<Point[][]>([]);
  const current = useRef<Point[] | null>(null);
  const [empty, setEmpty] = useState(true);

  const context = () => {
    const canvas = canvasRef.current;
    // jsdom and very old browsers have no 2d context: keep strokes, skip drawing.
    const ctx = canvas?.getContext?.('2d') ?? null;
    if (ctx) {
      ctx.lineWidth = 4;
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.strokeStyle = '#111111';
    }
    return ctx;
  };

  const segment = (from: Point, to: Point) => {
    const ctx = context();
    if (!ctx) return;
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
  };

  const redraw = useCallback(() => {
    const canvas = canvasRef.current;
    const ctx = context();
    if (!canvas || !ctx) return;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    for (const s of strokes.current) {
      segment(s[0], { x: s[0].x + 0.1, y: s[0].y + 0.1 });
      for (let i = 1; i < s.length; i++) segment(s[i - 1], s[i]);
    }
  }, []);

  // Match the canvas's pixel size to its CSS size so lines are not blurred.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const dpr = window.devicePixelRatio || 1;
    const rect = canvas.getBoundingClientRect();
    if (rect.width > 0) {
      canvas.width = rect.width * dpr;
      canvas.height = rect.height * dpr;
      canvas.getContext?.('2d')?.scale(dpr, dpr);
    }
    redraw();
  }, [redraw]);

  const changed = () => {
    const isEmpty = strokes.current.length === 0;
    setEmpty(isEmpty);
    onChange?.({ empty: isEmpty, strokes: strokes.current.length });
  };

  const pointOf = (e: React.PointerEvent<HTMLCanvasElement>): Point => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };

  useImperativeHandle(ref, () => ({
    exportPng: async () => {
      if (strokes.current.length === 0) throw new Error('请先签名。');
      const url = canvasRef.current?.toDataURL?.('image/png');
      if (!url || !url.startsWith('data:image/png')) throw new Error('这个浏览器暂时不能保存签名，请换一个浏览器再试。');
      return url;
    },
  }));

  return (
    <div className='hh-sign'>
      <div className='hh-sign__area' style={{ height: Taro.pxTransform(height) }}>
        <canvas
          ref={canvasRef}
          className='hh-sign__canvas'
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture?.(e.pointerId);
            const p = pointOf(e);
            current.current = [p];
            strokes.current.push(current.current);
            segment(p, { x: p.x + 0.1, y: p.y + 0.1 });
          }}
          onPointerMove={(e) => {
            const stroke = current.current;
            if (!stroke) return;
            const p = pointOf(e);
            segment(stroke[stroke.length - 1], p);
            stroke.push(p);
          }}
          onPointerUp={() => {
            if (!current.current) return;
            current.current = null;
            changed();
          }}
          onPointerCancel={() => {
            if (!current.current) return;
            current.current = null;
            changed();
          }}
        />
        {empty ? <div className='hh-sign__hint'>请用手指在这里签名</div> : null}
      </div>
      <div className='hh-sign__actions'>
        <button
          type='button'
          className='hh-sign__button'
          disabled={empty}
          onClick={() => {
            strokes.current.pop();
            redraw();
            changed();
          }}
        >
          撤销一笔
        </button>
        <button
          type='button'
          className='hh-sign__button'
          disabled={empty}
          onClick={() => {
            strokes.current = [];
            redraw();
            changed();
          }}
        >
          全部清除
        </button>
      </div>
    </div>
  );
});

export default SignaturePad;
