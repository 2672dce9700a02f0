/**
 * A sorted list in chunks of a few hundred items: insert and remove cost a binary search plus a short splice, where one
 * flat array would move every later item (100,000 inserts at the front of one array is quadratic).
 */

const MAX_CHUNK = 512;

/** A place in the list: chunk number and offset inside it. */
interface Cursor {
  chunk: number;
  offset: number;
}

export class SortedList<T> {
  private chunks: T[][] = [];
  private count = 0;

  /** `compare` must be a total order in which no two distinct items compare equal. */
  constructor(private readonly compare: (a: T, b: T) => number) {}

  /** A list of items already sorted by `compare`. */
  static fromSorted<T>(compare: (a: T, b: T) => number, sorted: T[]): SortedList<T> {
    const list = new SortedList(compare);
    for (let start = 0; start < sorted.length; start += MAX_CHUNK / 2) list.chunks.push(sorted.slice(start, start + MAX_CHUNK / 2));
    list.count = sorted.length;
    return list;
  }

  get size(): number {
    return this.count;
  }

  insert(item: T): void {
    if (this.chunks.length === 0) {
      this.chunks.push([item]);
      this.count = 1;
      return;
    }
    const lastChunk = this.chunks.length - 1;
    const last = this.chunks[lastChunk];
    let chunkIndex: number;
    // New documents mostly land at one end (their place in the collection is last; times grow): one comparison.
    if (this.compare(last[last.length - 1], item) < 0) {
      chunkIndex = lastChunk;
      last.push(item);
    } else if (this.compare(item, this.chunks[0][0]) < 0) {
      chunkIndex = 0;
      this.chunks[0].unshift(item);
    } else {
      chunkIndex = Math.min(this.chunkFor(item), lastChunk);
      const chunk = this.chunks[chunkIndex];
      chunk.splice(firstIndex(chunk, (other) => this.compare(other, item) < 0), 0, item);
    }
    const chunk = this.chunks[chunkIndex];
    this.count++;
    if (chunk.length > MAX_CHUNK) this.chunks.splice(chunkIndex + 1, 0, chunk.splice(chunk.length >> 1));
  }

  /** Removes the item equal to `item`; `same` recognises it when a broken comparison hides it from the search. */
  remove(item: T, same: (other: T) => boolean): boolean {
    let at: Cursor | null = null;
    const chunkIndex = this.chunkFor(item);
    const chunk = this.chunks[chunkIndex];
    if (chunk) {
      const offset = firstIndex(chunk, (other) => this.compare(other, item) < 0);
      if (offset < chunk.length && same(chunk[offset])) at = { chunk: chunkIndex, offset };
    }
    at ??= this.find(same);
    if (!at) return false;
    this.chunks[at.chunk].splice(at.offset, 1);
    if (this.chunks[at.chunk].length === 0) this.chunks.splice(at.chunk, 1);
    this.count--;
    return true;
  }

  /** Position of the first item for which `before` is false; `before` must hold for a prefix of the list. */
  boundary(before: (item: T) => boolean): number {
    const chunkIndex = firstIndex(this.chunks, (chunk) => before(chunk[chunk.length - 1]));
    let position = 0;
    for (let i = 0; i < chunkIndex; i++) position += this.chunks[i].length;
    return chunkIndex < this.chunks.length ? position + firstIndex(this.chunks[chunkIndex], before) : position;
  }

  /** Items at positions [start, end), in order, or in reverse order when `reverse`. */
  *range(start: number, end: number, reverse = false): Generator<T> {
    if (start >= end) return;
    if (!reverse) {
      let { chunk, offset } = this.cursor(start);
      for (let left = end - start; left > 0; left--) {
        yield this.chunks[chunk][offset];
        if (++offset === this.chunks[chunk].length) [chunk, offset] = [chunk + 1, 0];
      }
      return;
    }
    let { chunk, offset } = this.cursor(end - 1);
    for (let left = end - start; left > 0; left--) {
      yield this.chunks[chunk][offset];
      if (--offset < 0 && chunk > 0) [chunk, offset] = [chunk - 1, this.chunks[chunk - 1].length - 1];
    }
  }

  /** The item at a position (which must be inside the list). */
  at(position: number): T {
    const { chunk, offset } = this.cursor(position);
    return this.chunks[chunk][offset];
  }

  /** Items at positions [start, end) as an array. */
  slice(start: number, end: number): T[] {
    return [...this.range(start, end)];
  }

  /** The first chunk whose last item is not before `item` (the chunk it belongs in); chunks.length when none. */
  private chunkFor(item: T): number {
    return firstIndex(this.chunks, (chunk) => this.compare(chunk[chunk.length - 1], item) < 0);
  }

  private cursor(position: number): Cursor {
    let left = position;
    for (let chunk = 0; chunk < this.chunks.length; chunk++) {
      if (left < this.chunks[chunk].length) return { chunk, offset: left };
      left -= this.chunks[chunk].length;
    }
    return { chunk: this.chunks.length, offset: 0 };
  }

  private find(same: (item: T) => boolean): Cursor | null {
    for (let chunk = 0; chunk < this.chunks.length; chunk++) {
      const offset = this.chunks[chunk].findIndex(same);
      if (offset >= 0) return { chunk, offset };
    }
    return null;
  }
}

/** Binary search: the first index whose item fails `before` (which holds for a prefix). */
function firstIndex<T>(items: T[], before: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (before(items[middle])) low = middle + 1;
    else high = middle;
  }
  return low;
}
