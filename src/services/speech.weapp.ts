/**
 * Read-aloud on the mini-program. WeChat has no speech API of its own; the
 * 微信同声传译 plugin (WechatSI) turns text into audio where the app declares
 * it. Feature-detected: without the plugin `canSpeak()` is false and the
 * page hides the button; a plugin or audio error says so in a toast.
 */
import Taro from '@tarojs/taro';
import { CANNOT_READ_NOW, cannotSpeak, chunks } from './speechText';

interface SpeechPlugin {
  textToSpeech(opts: { lang: string; tts: boolean; content: string; success: (r: { filename: string }) => void; fail: () => void }): void;
}

declare const requirePlugin: ((name: string) => unknown) | undefined;

function plugin(): SpeechPlugin | null {
  try {
    const p = typeof requirePlugin === 'function' ? (requirePlugin('WechatSI') as SpeechPlugin | undefined) : undefined;
    return p && typeof p.textToSpeech === 'function' ? p : null;
  } catch {
    return null;
  }
}

export function canSpeak(): boolean {
  return !!plugin() && typeof Taro.createInnerAudioContext === 'function';
}

let audio: Taro.InnerAudioContext | null = null;
let stopped = true;

export function stop() {
  stopped = true;
  audio?.stop();
  audio?.destroy();
  audio = null;
}

/** Reads the text aloud, piece by piece; `onEnd` when done, stopped or failed. */
export function speak(text: string, onEnd: () => void) {
  const p = plugin();
  if (!p) return onEnd();
  stop();
  stopped = false;
  const parts = chunks(text);
  const next = (i: number) => {
    if (stopped || i >= parts.length) {
      stopped = true;
      return onEnd();
    }
    p.textToSpeech({
      lang: 'zh_CN',
      tts: true,
      content: parts[i],
      success: (r) => {
        if (stopped) return onEnd();
        audio = Taro.createInnerAudioContext();
        audio.src = r.filename;
        audio.onEnded(() => next(i + 1));
        audio.onError(() => {
          if (!stopped) cannotSpeak(CANNOT_READ_NOW);
          stopped = true;
          onEnd();
        });
        audio.play();
      },
      fail: () => {
        if (!stopped) cannotSpeak(CANNOT_READ_NOW);
        stopped = true;
        onEnd();
      },
    });
  };
  next(0);
}
