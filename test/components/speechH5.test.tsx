/**
 * Read-aloud in the browser (speech.h5.ts): a browser with speechSynthesis
 * but no Chinese voice says so in a toast instead of doing nothing (headless
 * Chromium, walk 18 #11); a voice that plays, or a reader who stops it, says
 * nothing.
 */
import Taro from '@tarojs/taro';
import { speak, stop } from '../../src/services/speech.h5';
import { NO_CHINESE_VOICE } from '../../src/services/speechText';

type Utterance = { text: string; onstart?: () => void; onend?: () => void; onerror?: (e: { error: string }) => void };

let spoken: Utterance[];
let voices: Array<{ lang: string }>;

beforeEach(() => {
  spoken = [];
  voices = [];
  (Taro.showToast as jest.Mock).mockClear();
  (window as any).SpeechSynthesisUtterance = function Utterance(this: Utterance, text: string) { this.text = text; };
  (window as any).speechSynthesis = {
    getVoices: () => voices,
    speak: (u: Utterance) => spoken.push(u),
    cancel: jest.fn(),
  };
});

afterEach(() => {
  delete (window as any).speechSynthesis;
  delete (window as any).SpeechSynthesisUtterance;
});

const toasts = () => (Taro.showToast as jest.Mock).mock.calls.map((c) => c[0].title);

test('voices listed and none Chinese: a toast at once, and the reading ends', () => {
  voices = [{ lang: 'en-US' }];
  const onEnd = jest.fn();
  speak('第一条', onEnd);
  expect(spoken).toHaveLength(0);
  expect(onEnd).toHaveBeenCalledTimes(1);
  expect(toasts()).toEqual([NO_CHINESE_VOICE]);
});

test('the voice fails, or ends before it ever started: a toast', () => {
  const onEnd = jest.fn();
  speak('第一条', onEnd);
  spoken[0].onerror!({ error: 'synthesis-failed' });
  speak('第二条', onEnd);
  spoken[1].onend!();
  expect(onEnd).toHaveBeenCalledTimes(2);
  expect(toasts()).toEqual([NO_CHINESE_VOICE, NO_CHINESE_VOICE]);
});

test('a Chinese voice that plays to the end, or a reader who stops it, says nothing', () => {
  voices = [{ lang: 'zh-CN' }];
  const onEnd = jest.fn();
  speak('第一条', onEnd);
  spoken[0].onstart!();
  spoken[0].onend!();
  speak('第二条', onEnd);
  stop();
  spoken[1].onerror!({ error: 'interrupted' });
  spoken[1].onend!();
  expect(toasts()).toEqual([]);
});
