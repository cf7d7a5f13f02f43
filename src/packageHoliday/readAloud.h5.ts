/** H5: the browser's Web Speech API in Chinese, slowly, for a grandparent. */
const synth = (): SpeechSynthesis | null => (typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null);

export const canReadAloud = (): boolean => synth() !== null && typeof SpeechSynthesisUtterance !== 'undefined';

export function readAloud(text: string, onEnd?: () => void): void {
  const s = synth();
  if (!s) return;
  s.cancel();
  const u = new SpeechSynthesisUtterance(text);
  u.lang = 'zh-CN';
  u.rate = 0.8;
  if (onEnd) {
    u.onend = () => onEnd();
    u.onerror = () => onEnd();
  }
  s.speak(u);
}

export function stopReading(): void {
  synth()?.cancel();
}
