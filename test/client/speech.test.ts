/**
 * 朗读: offered on H5 where the browser can speak (Chinese, a little slower), and nowhere else — the weapp build has no
 * 同声传译 plugin configured, so the article page hides the button there.
 */
import { readableText, speaker } from '../../src/lib/speech';

const ENV = process.env.TARO_ENV;
const scope = globalThis as Record<string, unknown>;
afterEach(() => {
  process.env.TARO_ENV = ENV;
  delete scope.speechSynthesis;
  delete scope.SpeechSynthesisUtterance;
});

function browserVoice(): { spoken: Array<{ text: string; lang: string; rate: number }>; cancelled: number } {
  const state = { spoken: [] as Array<{ text: string; lang: string; rate: number }>, cancelled: 0 };
  scope.speechSynthesis = { speak: (utterance: { text: string; lang: string; rate: number }) => state.spoken.push(utterance), cancel: () => (state.cancelled += 1) };
  scope.SpeechSynthesisUtterance = class {
    lang = '';
    rate = 1;
    onend: (() => void) | null = null;
    constructor(public text: string) {}
  };
  return state;
}

test('on H5 with speech synthesis the article is read in Chinese, a little slower than usual', () => {
  process.env.TARO_ENV = 'h5';
  const voice = browserVoice();
  const reader = speaker();
  expect(reader).not.toBeNull();
  reader?.speak('学习材料。', () => undefined);
  expect(voice.spoken).toEqual([expect.objectContaining({ text: '学习材料。', lang: 'zh-CN', rate: 0.9 })]);
});

test('the button is hidden (no speaker) on weapp without the 同声传译 plugin, and on a browser that cannot speak', () => {
  process.env.TARO_ENV = 'weapp';
  browserVoice();
  expect(speaker()).toBeNull();
  delete scope.speechSynthesis;
  process.env.TARO_ENV = 'h5';
  expect(speaker()).toBeNull();
});

test('what is read aloud is the title and the text, without markup', () => {
  expect(readableText('入党誓词', '<h2>全文</h2><p>我志愿加入&nbsp;中国共产党</p>')).toBe('入党誓词。\n全文。\n我志愿加入 中国共产党。\n');
});
