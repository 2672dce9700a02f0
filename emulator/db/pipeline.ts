/**
 * Pipeline fixes before mingo runs it. mingo 7.2.7's $bucket puts a value equal to a boundary into the lower bucket
 * and emits empty buckets; MongoDB's lower bounds are inclusive and it emits only non-empty buckets. $bucket is
 * therefore rewritten to the $group + $sort it stands for in MongoDB's documentation.
 */
import { isPlainObject, type Doc } from './ejson';

const OUT_OF_RANGE = '\u0000$bucket:out-of-range';

/** Fails like MongoDB when a $bucket without `default` met a value outside its boundaries. */
export function checkOutput(value: unknown): void {
  if (value === OUT_OF_RANGE) throw new Error('$bucket could not find a matching branch for an input, and no default was specified.');
  if (Array.isArray(value)) value.forEach(checkOutput);
  else if (isPlainObject(value)) Object.values(value).forEach(checkOutput);
}

/** Returns the pipeline with every $bucket (also inside $facet and $lookup pipelines) rewritten. */
export function rewritePipeline(pipeline: Doc[]): Doc[] {
  return pipeline.flatMap((stage): Doc[] => {
    if (isPlainObject(stage.$bucket)) return bucketStages(stage.$bucket);
    if (isPlainObject(stage.$facet)) {
      const facets = Object.entries(stage.$facet).map(([key, sub]) => [key, Array.isArray(sub) ? rewritePipeline(sub.filter(isPlainObject)) : sub]);
      return [{ $facet: Object.fromEntries(facets) }];
    }
    if (isPlainObject(stage.$lookup) && Array.isArray(stage.$lookup.pipeline)) {
      return [{ $lookup: { ...stage.$lookup, pipeline: rewritePipeline(stage.$lookup.pipeline.filter(isPlainObject)) } }];
    }
    return [stage];
  });
}

function bucketStages(spec: Doc): Doc[] {
  const boundaries = Array.isArray(spec.boundaries) ? spec.boundaries : [];
  if (boundaries.length < 2) throw new Error('$bucket: must specify at least two boundaries.');
  const branches = boundaries.slice(0, -1).map((lower, i) => ({
    case: { $and: [{ $gte: [spec.groupBy, lower] }, { $lt: [spec.groupBy, boundaries[i + 1]] }] },
    then: lower,
  }));
  const output = isPlainObject(spec.output) ? spec.output : { count: { $sum: 1 } };
  // Without a default, a value outside the boundaries lands in a marked group that checkOutput() turns into MongoDB's error.
  const key = { $switch: { branches, default: spec.default === undefined ? { $literal: OUT_OF_RANGE } : spec.default } };
  return [{ $group: { _id: key, ...output } }, { $sort: { _id: 1 } }];
}
