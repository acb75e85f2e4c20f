// A binary min-heap of entries by time, first in first out among equal times, so each ticket's
// events (pushed in lifecycle order) come out in that order.
import type { SimItem } from './types.ts';

export class TimeHeap {
  private items: SimItem[] = [];
  private seqs: number[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  peek(): SimItem | undefined {
    return this.items[0];
  }

  push(item: SimItem): void {
    this.items.push(item);
    this.seqs.push(this.seq++);
    this.up(this.items.length - 1);
  }

  pop(): SimItem | undefined {
    const top = this.items[0];
    const lastItem = this.items.pop();
    const lastSeq = this.seqs.pop();
    if (this.items.length > 0 && lastItem !== undefined && lastSeq !== undefined) {
      this.items[0] = lastItem;
      this.seqs[0] = lastSeq;
      this.down(0);
    }
    return top;
  }

  private less(i: number, j: number): boolean {
    const a = this.items[i].atMs;
    const b = this.items[j].atMs;
    return a < b || (a === b && this.seqs[i] < this.seqs[j]);
  }

  private swap(i: number, j: number): void {
    [this.items[i], this.items[j]] = [this.items[j], this.items[i]];
    [this.seqs[i], this.seqs[j]] = [this.seqs[j], this.seqs[i]];
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) return;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    const n = this.items.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(l, m)) m = l;
      if (r < n && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
