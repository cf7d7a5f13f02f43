/**
 * Read the letter aloud. WeChat has no speech synthesis without a plugin, so
 * on weapp (and in tests) there is none and the page hides the button;
 * readAloud.h5.ts uses the browser's Web Speech API.
 */
export const canReadAloud = (): boolean => false;
export function readAloud(_text: string, _onEnd?: () => void): void {}
export function stopReading(): void {}
