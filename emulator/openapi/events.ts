/**
 * What the open-API module remembers — credit changes, send attempts, content checks, mini-program codes — as
 * validated journal events, so a replayed file is checked line by line instead of trusted.
 */
import * as v from 'valibot';

const Result = v.object({ errcode: v.number(), errmsg: v.string() });

const OutboxEntry = v.object({
  time: v.string(),
  openid: v.string(),
  templateId: v.string(),
  page: v.string(),
  data: v.record(v.string(), v.object({ value: v.string() })),
  miniprogramState: v.string(),
  lang: v.string(),
  /** errcode 0 when WeChat would have delivered it, else its error (43101 no credit, 47003 bad data, ...). */
  result: Result,
});

const SecCheckEntry = v.object({
  time: v.string(),
  openid: v.string(),
  version: v.number(),
  scene: v.number(),
  content: v.string(),
  result: v.object({
    ...Result.entries,
    suggest: v.nullable(v.picklist(['pass', 'review', 'risky'])),
    label: v.nullable(v.number()),
  }),
});

const WxacodeEntry = v.object({
  time: v.string(),
  scene: v.string(),
  page: v.string(),
  checkPath: v.boolean(),
  envVersion: v.string(),
  width: v.number(),
  /** What the stand-in QR code encodes ('<page>?scene=<encoded scene>'); null when WeChat refused the request. */
  content: v.nullable(v.string()),
  /** errcode 0 when an image was returned, else WeChat's error (40169 scene length, 40129 scene characters, 41030 page, ...). */
  result: Result,
});

const Event = v.variant('kind', [
  v.object({ kind: v.literal('credit'), time: v.string(), openid: v.string(), templateId: v.string(), delta: v.number() }),
  v.object({ kind: v.literal('send'), entry: OutboxEntry }),
  v.object({ kind: v.literal('check'), entry: SecCheckEntry }),
  v.object({ kind: v.literal('wxacode'), entry: WxacodeEntry }),
]);

export type OutboxEntry = v.InferOutput<typeof OutboxEntry>;
export type SecCheckEntry = v.InferOutput<typeof SecCheckEntry>;
export type WxacodeEntry = v.InferOutput<typeof WxacodeEntry>;
export type OpenApiEvent = v.InferOutput<typeof Event>;

/** A journal line as an event; throws on a line that is not one (a corrupt journal must not be half-loaded silently). */
export function parseEvent(value: unknown): OpenApiEvent {
  const parsed = v.safeParse(Event, value);
  if (!parsed.success) throw new Error(`not an open-API event: ${v.summarize(parsed.issues)}`);
  return parsed.output;
}
