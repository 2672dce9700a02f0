/**
 * What the open-API module remembers — credit changes, send attempts, content checks — as validated journal events,
 * so a replayed file is checked line by line instead of trusted.
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

const Event = v.variant('kind', [
  v.object({ kind: v.literal('credit'), time: v.string(), openid: v.string(), templateId: v.string(), delta: v.number() }),
  v.object({ kind: v.literal('send'), entry: OutboxEntry }),
  v.object({ kind: v.literal('check'), entry: SecCheckEntry }),
]);

export type OutboxEntry = v.InferOutput<typeof OutboxEntry>;
export type SecCheckEntry = v.InferOutput<typeof SecCheckEntry>;
export type OpenApiEvent = v.InferOutput<typeof Event>;

/** A journal line as an event; throws on a line that is not one (a corrupt journal must not be half-loaded silently). */
export function parseEvent(value: unknown): OpenApiEvent {
  const parsed = v.safeParse(Event, value);
  if (!parsed.success) throw new Error(`not an open-API event: ${v.summarize(parsed.issues)}`);
  return parsed.output;
}
