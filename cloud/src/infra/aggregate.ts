/**
 * Runs a pipeline written as plain data (`[{ $match }, { $group }, ...]`, as domain code builds it) through the SDK's
 * chained aggregate API (`.match().group()...end()`). The SDK has no raw-pipeline entry point in cloud functions, and
 * only the stages its Aggregation class implements can travel: $facet, for one, is declared in wx-server-sdk's types
 * but missing at runtime, so it is refused here with a clear message instead of a TypeError deep in the SDK.
 */
import type { Aggregation } from './database';

/** One stage: an object with exactly one `$stage` key. */
export type PipelineStage = Record<string, unknown>;

type Apply = (aggregation: Aggregation, value: unknown, stage: string) => Aggregation;

const STAGES: Record<string, Apply> = {
  $match: (a, value, stage) => a.match(objectOf(value, stage)),
  $group: (a, value, stage) => a.group(objectOf(value, stage)),
  $project: (a, value, stage) => a.project(objectOf(value, stage)),
  $sort: (a, value, stage) => a.sort(sortOf(value, stage)),
  $skip: (a, value, stage) => a.skip(countOf(value, stage)),
  $limit: (a, value, stage) => a.limit(countOf(value, stage)),
  $unwind: (a, value, stage) => a.unwind(textOf(value, stage)),
  $count: (a, value, stage) => a.count(textOf(value, stage)),
  $lookup: (a, value, stage) => {
    const spec = objectOf(value, stage);
    const [from, localField, foreignField, as] = ['from', 'localField', 'foreignField', 'as'].map((key) => textOf(spec[key], `${stage}.${key}`));
    return a.lookup({ from, localField, foreignField, as });
  },
};

/** Appends every stage of `pipeline` to `aggregation` as the matching chained call (nothing is sent yet). */
export function chainPipeline(aggregation: Aggregation, pipeline: ReadonlyArray<PipelineStage>): Aggregation {
  return pipeline.reduce<Aggregation>((chain, stage, index) => {
    const keys = Object.keys(stage);
    if (keys.length !== 1) throw new TypeError(`aggregate stage ${index} must have exactly one key, got ${JSON.stringify(keys)}`);
    const apply = STAGES[keys[0]];
    if (!apply) {
      throw new TypeError(`aggregate stage ${keys[0]} cannot be sent through wx-server-sdk (supported: ${Object.keys(STAGES).join(', ')})`);
    }
    return apply(chain, stage[keys[0]], keys[0]);
  }, aggregation);
}

/** Sends `pipeline` on `aggregation` and returns the result rows. */
export function runPipeline<R = Record<string, unknown>>(aggregation: Aggregation, pipeline: ReadonlyArray<PipelineStage>): Promise<R[]> {
  return chainPipeline(aggregation, pipeline).end<R>();
}

function objectOf(value: unknown, stage: string): Record<string, unknown> {
  if (!isRecord(value)) throw new TypeError(`${stage} expects an object`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sortOf(value: unknown, stage: string): Record<string, 1 | -1> {
  const spec = objectOf(value, stage);
  const order: Record<string, 1 | -1> = {};
  for (const [field, direction] of Object.entries(spec)) {
    if (direction !== 1 && direction !== -1) throw new TypeError(`${stage}.${field} must be 1 or -1`);
    order[field] = direction;
  }
  return order;
}

function countOf(value: unknown, stage: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new TypeError(`${stage} expects a non-negative integer`);
  return value;
}

function textOf(value: unknown, stage: string): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${stage} expects a non-empty string`);
  return value;
}
