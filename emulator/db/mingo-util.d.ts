/**
 * mingo 7 publishes `mingo/util` through package.json "exports", which this project's `moduleResolution: node` does
 * not read: these are the two functions the emulator uses from it, typed as mingo's own declarations type them.
 */
declare module 'mingo/util' {
  /** mingo's total order of values (the one its $sort uses). */
  export function compare(a: unknown, b: unknown): number;
  /** mingo's type name of a value: "number", "string", "null", "undefined", "date", "array", "object", ... */
  export function typeOf(value: unknown): string;
}
