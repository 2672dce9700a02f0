/**
 * Asking for subscribe-message credits, platform-free: what the user answered, what WeChat (or on h5 the gateway)
 * was told, and what the cloud records. The Taro wiring is in subscribe.ts.
 */
import { templateId, TEMPLATES, type TemplateKey } from '../shared/notify';
import { type Platform } from './platform';

/** WeChat shows at most 3 templates per prompt (newer docs say 5; we design for 3). */
export const MAX_TEMPLATES_PER_PROMPT = 3;

export interface SubscriptionAnswer {
  accepted: string[];
  rejected: string[];
}

export interface SubscriptionPorts {
  platform: Platform;
  /** weapp: wx.requestSubscribeMessage; resolves each template id's answer ('accept', 'reject', 'ban', 'filter'). */
  requestWechat(templateIds: string[]): Promise<Record<string, unknown>>;
  /** h5: our imitation of WeChat's sheet listing these titles; resolves true on 允许. */
  confirm(titles: string[]): Promise<boolean>;
  /** h5: plays WeChat's part, one credit per accepted template (POST /api/_wx/subscribe). */
  grant(templateIds: string[]): Promise<unknown>;
  /** Records the answer in the cloud (inbox.recordSubscription). */
  record(answer: SubscriptionAnswer): Promise<unknown>;
  /** Where swallowed failures go (the page must never see them). */
  report?(error: unknown): void;
}

/** Creates askSubscription for these ports: resolves the template keys the user accepted, never rejects. */
export function createSubscriptionAsker(ports: SubscriptionPorts): (keys: readonly TemplateKey[]) => Promise<TemplateKey[]> {
  const report = ports.report ?? (() => undefined);

  async function answer(ids: string[], titles: string[]): Promise<SubscriptionAnswer> {
    if (ports.platform === 'weapp') {
      const result = await ports.requestWechat(ids);
      const accepted = ids.filter((id) => result[id] === 'accept');
      return { accepted, rejected: ids.filter((id) => !accepted.includes(id)) };
    }
    if (!(await ports.confirm(titles))) return { accepted: [], rejected: ids };
    await ports.grant(ids);
    return { accepted: ids, rejected: [] };
  }

  return async (keys) => {
    const chosen = [...new Set(keys)].slice(0, MAX_TEMPLATES_PER_PROMPT);
    if (chosen.length < new Set(keys).size) report(new Error(`askSubscription: only the first ${MAX_TEMPLATES_PER_PROMPT} templates are asked for`));
    if (chosen.length === 0) return [];
    const ids = chosen.map((key) => templateId(key));
    const result = await answer(ids, chosen.map((key) => TEMPLATES[key].title)).catch((error: unknown) => {
      // The user turned subscriptions off, the prompt was not opened from a tap, or the gateway failed: nothing granted.
      report(error);
      return null;
    });
    if (!result) return [];
    try {
      await ports.record(result);
    } catch (error) {
      // WeChat granted the credit but the cloud did not record it: the message still reaches the in-app inbox.
      report(error);
    }
    return chosen.filter((key) => result.accepted.includes(templateId(key)));
  };
}

/** The h5 prompt's state, shared between askSubscription and the sheet mounted on every page. */
export interface SubscribePromptStore {
  /** Titles being asked about, or null when no prompt is open. */
  current(): string[] | null;
  /** Opens the prompt; resolves the user's answer. A newer question cancels an unanswered older one. */
  ask(titles: string[]): Promise<boolean>;
  answer(allowed: boolean): void;
  subscribe(listener: (titles: string[] | null) => void): () => void;
}

/** Creates the h5 prompt store. */
export function createSubscribePromptStore(): SubscribePromptStore {
  let titles: string[] | null = null;
  let resolve: ((allowed: boolean) => void) | null = null;
  const listeners = new Set<(titles: string[] | null) => void>();
  const emit = () => listeners.forEach((listener) => listener(titles));
  const settle = (allowed: boolean) => {
    const pending = resolve;
    resolve = null;
    titles = null;
    pending?.(allowed);
  };
  return {
    current: () => titles,
    ask(next) {
      settle(false);
      // Ready for the answer before anyone hears the question: a listener may answer at once.
      const answered = new Promise<boolean>((done) => {
        resolve = done;
      });
      titles = next;
      emit();
      return answered;
    },
    answer(allowed) {
      settle(allowed);
      emit();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
