/** Dotted field paths, with Mongo's rule that a path through an array reaches into its elements. */
import { isPlainObject } from './ejson';

/** All values a dotted path reaches in a document (several when it crosses arrays; arrays themselves are expanded). */
export function valuesAt(doc: unknown, path: string): unknown[] {
  const parts = path.split('.');
  let current: unknown[] = [doc];
  for (const part of parts) {
    const next: unknown[] = [];
    for (const value of current) {
      if (Array.isArray(value)) {
        const index = /^\d+$/.test(part) ? Number(part) : -1;
        if (index >= 0) next.push(value[index]);
        else for (const item of value) if (isPlainObject(item)) next.push(item[part]);
      } else if (isPlainObject(value)) {
        next.push(value[part]);
      }
    }
    current = next;
  }
  const flat: unknown[] = [];
  for (const value of current) {
    if (Array.isArray(value)) flat.push(...value);
    else flat.push(value);
  }
  return flat.length > 0 ? flat : [undefined];
}
