/**
 * Read-aloud in the browser: Web Speech (speechSynthesis), in Chinese.
 * Hidden where the browser has none.
 */
const synth = (): SpeechSynthesis | null =>
  typeof window !== 'undefined' && 'speechSynthesis' in window && typeof window.SpeechSynthesisUtterance === 'function'
    ? window.speechSynthesis
    : null;

export function canSpeak(): boolean {
  return !!synth();
}

export function stop() {
  synth()?.cancel();
}

export function speak(text: string, onEnd: () => void) {
  const s = synth();
  if (!s) return onEnd();
  s.cancel();
  const u = new window.SpeechSynthesisUtterance(text);
  u.lang = 'zh-CN';
  u.rate = 0.9;
  u.onend = () => onEnd();
  u.onerror = () => onEnd();
  s.speak(u);
}
