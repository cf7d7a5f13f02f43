/**
 * Read a lesson aloud. Taro's build picks speech.weapp.ts (the 微信同声传译
 * plugin) or speech.h5.ts (Web Speech); this file declares what both offer
 * and the safe default: no voice, so the page hides the button.
 */

/** Whether this phone can read aloud (the page shows 🔊 only then). */
export function canSpeak(): boolean {
  return false;
}

export function stop(): void {
  /* nothing is playing */
}

/** Reads `text`; `onEnd` when done or stopped. Without a voice it ends at once. */
export function speak(text: string, onEnd: () => void): void {
  void text;
  onEnd();
}
