/**
 * Read-aloud in the browser: Web Speech (speechSynthesis), in Chinese.
 * Hidden where the browser has none. A browser that has speechSynthesis but
 * no Chinese voice (or whose voice fails) says so in a toast instead of
 * silently doing nothing (walk 18 #11).
 */
import { cannotSpeak, NO_CHINESE_VOICE } from './speechText';

const synth = (): SpeechSynthesis | null =>
  typeof window !== 'undefined' && 'speechSynthesis' in window && typeof window.SpeechSynthesisUtterance === 'function'
    ? window.speechSynthesis
    : null;

/** The utterance now playing; one that was stopped or replaced ends quietly. */
let current: SpeechSynthesisUtterance | null = null;

/** false when the voices are known and none is Chinese; undefined while the browser has not listed them yet. */
function hasChineseVoice(s: SpeechSynthesis): boolean | undefined {
  const voices = s.getVoices?.() ?? [];
  return voices.length ? voices.some((v) => /^zh|^cmn/i.test(v.lang)) : undefined;
}

export function canSpeak(): boolean {
  return !!synth();
}

export function stop() {
  current = null;
  synth()?.cancel();
}

export function speak(text: string, onEnd: () => void) {
  const s = synth();
  if (!s) return onEnd();
  s.cancel();
  if (hasChineseVoice(s) === false) {
    current = null;
    cannotSpeak(NO_CHINESE_VOICE);
    return onEnd();
  }
  const u = new window.SpeechSynthesisUtterance(text);
  current = u;
  let started = false;
  const end = (failed: boolean) => {
    if (current !== u) return onEnd(); // stopped or replaced: no message
    current = null;
    if (failed) cannotSpeak(NO_CHINESE_VOICE);
    onEnd();
  };
  u.lang = 'zh-CN';
  u.rate = 0.9;
  u.onstart = () => { started = true; };
  // ended before it ever started, or failed: nothing was heard
  u.onend = () => end(!started);
  u.onerror = (e) => end(e.error !== 'interrupted' && e.error !== 'canceled');
  s.speak(u);
}
