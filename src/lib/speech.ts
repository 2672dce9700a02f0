/**
 * 朗读 where the platform can: H5 has the browser's speech synthesis (Chinese voice when there is one). The weapp build
 * has none here (WeChat's 同声传译 plugin is not configured), so the page hides the button: this returns null there —
 * the TARO_ENV test is replaced at build time, so the browser code never reaches the mini-program bundle.
 */
export interface Speaker {
  speak(text: string, onEnd: () => void): void;
  stop(): void;
}

interface SpeechGlobals {
  speechSynthesis?: { speak(utterance: unknown): void; cancel(): void };
  SpeechSynthesisUtterance?: new (text: string) => { lang: string; rate: number; onend: (() => void) | null };
}

export function speaker(): Speaker | null {
  if (process.env.TARO_ENV !== 'h5') return null;
  const scope = globalThis as unknown as SpeechGlobals;
  const synth = scope.speechSynthesis;
  const Utterance = scope.SpeechSynthesisUtterance;
  if (!synth || !Utterance) return null;
  return {
    speak(text, onEnd) {
      synth.cancel();
      const utterance = new Utterance(text);
      utterance.lang = 'zh-CN';
      // A little slower than default: many readers are elderly.
      utterance.rate = 0.9;
      utterance.onend = onEnd;
      synth.speak(utterance);
    },
    stop() {
      synth.cancel();
    },
  };
}

/** The text to read aloud from the sanitized body: tags out, common entities decoded. */
export function readableText(title: string, html: string): string {
  const text = html
    .replace(/<(br|\/p|\/h\d|\/li|\/blockquote|\/div)\b[^>]*>/gi, '。\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  return `${title}。\n${text}`.replace(/。(\s*。)+/g, '。');
}
