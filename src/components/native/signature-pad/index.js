/**
 * 签名板 — a native weapp custom component.
 *
 * Why native: a finger moving over the pad fires touchmove ~60 times a
 * second. Handled here, each move draws straight onto a canvas 2d context and
 * nothing crosses Taro's setData bridge; the page only hears `change` when a
 * stroke ends.
 *
 * Properties: height (rpx), lineWidth (px), color, exportRequest (bump the
 * number to ask for an export without holding a component instance).
 * Events:     change { empty, strokes }    after every stroke, undo, clear
 *             export { tempFilePath } or { error }   a PNG of the signature
 * Methods:    clear(), undo(), exportImage() → Promise<tempFilePath>
 *
 * Drawing tolerates a missing canvas (old base library, miniprogram-simulate):
 * strokes are still recorded and events still fire.
 *
 * Plain ES5 on purpose: it is copied into the build as it is (config/index.ts).
 */
function pointOf(e, rect) {
  var t = (e.touches && e.touches[0]) || (e.changedTouches && e.changedTouches[0]);
  if (!t) return null;
  // Canvas touch events carry x/y relative to the canvas; other touches page coordinates.
  if (typeof t.x === 'number' && typeof t.y === 'number') return { x: t.x, y: t.y };
  var px = typeof t.clientX === 'number' ? t.clientX : t.pageX;
  var py = typeof t.clientY === 'number' ? t.clientY : t.pageY;
  if (typeof px !== 'number' || typeof py !== 'number') return null;
  return { x: px - (rect ? rect.left : 0), y: py - (rect ? rect.top : 0) };
}

function pixelRatio() {
  try {
    if (typeof wx !== 'undefined') {
      if (wx.getWindowInfo) return wx.getWindowInfo().pixelRatio || 1;
      if (wx.getSystemInfoSync) return wx.getSystemInfoSync().pixelRatio || 1;
    }
  } catch (err) {
    /* fall through */
  }
  return 1;
}

Component({
  properties: {
    height: { type: Number, value: 400 },
    lineWidth: { type: Number, value: 4 },
    color: { type: String, value: '#111111' },
    exportRequest: { type: Number, value: 0 },
  },

  data: { empty: true },

  observers: {
    exportRequest: function (n) {
      // Observers also fire when a parent re-sends the same value: act once per number.
      if (!(n > 0) || n === this._lastExportRequest) return;
      this._lastExportRequest = n;
      this.exportImage().catch(function () { /* reported through the export event */ });
    },
  },

  lifetimes: {
    attached: function () {
      this._strokes = [];
      this._current = null;
      this._ctx = null;
      this._canvas = null;
      this._rect = null;
    },
    ready: function () {
      this._initCanvas();
    },
    detached: function () {
      this._ctx = null;
      this._canvas = null;
    },
  },

  methods: {
    _initCanvas: function () {
      var self = this;
      try {
        this.createSelectorQuery()
          .select('#pad')
          .fields({ node: true, size: true, rect: true })
          .exec(function (res) {
            var info = res && res[0];
            if (!info || !info.node || !info.node.getContext) return;
            var canvas = info.node;
            var ctx = canvas.getContext('2d');
            if (!ctx) return;
            var dpr = pixelRatio();
            canvas.width = info.width * dpr;
            canvas.height = info.height * dpr;
            if (ctx.scale) ctx.scale(dpr, dpr);
            self._canvas = canvas;
            self._ctx = ctx;
            self._size = { width: info.width, height: info.height };
            self._rect = { left: info.left || 0, top: info.top || 0 };
            self._redraw();
          });
      } catch (err) {
        // No canvas support: keep recording strokes without drawing.
      }
    },

    _style: function (ctx) {
      ctx.lineWidth = this.data.lineWidth;
      ctx.strokeStyle = this.data.color;
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
    },

    _drawSegment: function (from, to) {
      var ctx = this._ctx;
      if (!ctx) return;
      this._style(ctx);
      ctx.beginPath();
      ctx.moveTo(from.x, from.y);
      ctx.lineTo(to.x, to.y);
      ctx.stroke();
    },

    _redraw: function () {
      var ctx = this._ctx;
      if (!ctx) return;
      var size = this._size || { width: 0, height: 0 };
      ctx.clearRect(0, 0, size.width, size.height);
      for (var i = 0; i < this._strokes.length; i++) {
        var s = this._strokes[i];
        if (s.length === 1) this._drawSegment(s[0], { x: s[0].x + 0.1, y: s[0].y + 0.1 });
        for (var j = 1; j < s.length; j++) this._drawSegment(s[j - 1], s[j]);
      }
    },

    _emitChange: function () {
      var empty = this._strokes.length === 0;
      // setData only when `empty` flips: once per signature, not once per move.
      if (empty !== this.data.empty) this.setData({ empty: empty });
      this.triggerEvent('change', { empty: empty, strokes: this._strokes.length });
    },

    onTouchStart: function (e) {
      var p = pointOf(e, this._rect);
      if (!p) return;
      this._current = [p];
      this._strokes.push(this._current);
      this._drawSegment(p, { x: p.x + 0.1, y: p.y + 0.1 });
    },

    onTouchMove: function (e) {
      if (!this._current) return;
      var p = pointOf(e, this._rect);
      if (!p) return;
      var last = this._current[this._current.length - 1];
      this._current.push(p);
      this._drawSegment(last, p);
    },

    onTouchEnd: function () {
      if (!this._current) return;
      this._current = null;
      this._emitChange();
    },

    clear: function () {
      this._strokes = [];
      this._current = null;
      this._redraw();
      this._emitChange();
    },

    undo: function () {
      if (this._strokes.length === 0) return;
      this._strokes.pop();
      this._current = null;
      this._redraw();
      this._emitChange();
    },

    exportImage: function () {
      var self = this;
      return new Promise(function (resolve, reject) {
        var fail = function (message) {
          self.triggerEvent('export', { error: message });
          reject(new Error(message));
        };
        if (self._strokes.length === 0) return fail('请先签名。');
        if (!self._canvas || typeof wx === 'undefined' || !wx.canvasToTempFilePath) {
          return fail('这台手机暂时不能保存签名，请升级微信后再试。');
        }
        wx.canvasToTempFilePath({
          canvas: self._canvas,
          fileType: 'png',
          success: function (res) {
            self.triggerEvent('export', { tempFilePath: res.tempFilePath });
            resolve(res.tempFilePath);
          },
          fail: function (err) {
            fail((err && err.errMsg) || '保存签名失败，请再试一次。');
          },
        }, self);
      });
    },
  },
});
