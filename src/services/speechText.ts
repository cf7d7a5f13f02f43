/** Text preparation and the "cannot speak" message for read-aloud, the same on every platform. */
import Taro from '@tarojs/taro';

/** The plugin reads at most a few hundred characters a call: split at sentence ends. */
export function chunks(text: string, max = 280): string[] {
  const out: string[] = [];
  let cur = '';
  // split after each sentence end (no lookbehind: older iOS cannot parse it)
  for (const s of text.replace(/([。！？；\n])/g, '$1\u0000').split('\u0000')) {
    if (cur && cur.length + s.length > max) {
      out.push(cur);
      cur = '';
    }
    cur += s;
    while (cur.length > max) {
      out.push(cur.slice(0, max));
      cur = cur.slice(max);
    }
  }
  if (cur.trim()) out.push(cur);
  return out;
}

/** The browser has speech but no Chinese voice (or its voice failed): nothing was heard. */
export const NO_CHINESE_VOICE = '这台手机没有中文朗读声音，请把字调大后自己读，或请家里人读一读。';
/** WeChat's 同声传译 plugin answered with an error (most often the network). */
export const CANNOT_READ_NOW = '现在读不出来，可能是网络不好。请把字调大后自己读，或请家里人读一读。';

/** Read-aloud could not speak: say so, long enough to read (someone tapped 🔊 and heard nothing, walk 18 #11). */
export function cannotSpeak(message: string) {
  void Taro.showToast({ title: message, icon: 'none', duration: 4000 });
}
