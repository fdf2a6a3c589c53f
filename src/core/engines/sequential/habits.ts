import { codeCount, encodeColumn } from '../column-coder.ts';
import type { StreamLayout } from './stream-layout.ts';

/**
 * A customer's habits so far, as history codes: for each categorical event column with few
 * labels, the label the customer has used most; for each plain numeric event column, the code of
 * the customer's running mean (the usual spend). They carry a customer's own preferences along
 * the stream, so synthetic customers differ from each other as much as real ones do, not only
 * through their profile.
 */
export const MAX_HABIT_LABELS = 64;

/** The variables (indices into layout.variables) that keep a habit (none when the layout keeps no habits). */
export function habitVariables(l: Pick<StreamLayout, 'variables'> & { habits?: boolean }): number[] {
  const out: number[] = [];
  if (l.habits === false) return out;
  l.variables.forEach((v, j) => {
    if (v.coder.kind === 'categorical' ? v.coder.labels.length <= MAX_HABIT_LABELS : v.how === 'plain') out.push(j);
  });
  return out;
}

/** Codes per habit position ("no habit yet" included). */
export function habitCodeCounts(l: Pick<StreamLayout, 'variables' | 'habits'>): number[] {
  return habitVariables(l).map((j) => codeCount(l.variables[j].coder) + 1);
}

export class HabitTracker {
  private readonly vars: number[];
  private counts: Float64Array[] = [];
  private best: number[] = [];
  private sums: number[] = [];
  private seen: number[] = [];
  constructor(private readonly layout: Pick<StreamLayout, 'variables' | 'habits'>) {
    this.vars = habitVariables(layout);
    this.reset();
  }

  reset(): void {
    this.counts = this.vars.map((j) => new Float64Array(codeCount(this.layout.variables[j].coder)));
    this.best = this.vars.map(() => -1);
    this.sums = this.vars.map(() => 0);
    this.seen = this.vars.map(() => 0);
  }

  /** Writes the habit codes at out[offset...]. */
  write(out: Uint16Array[] | Uint16Array, offset: number, e = 0): void {
    this.vars.forEach((j, h) => {
      const coder = this.layout.variables[j].coder;
      const none = codeCount(coder);
      let code = none;
      if (coder.kind === 'categorical') code = this.best[h] < 0 ? none : this.best[h];
      else if (this.seen[h] > 0) code = encodeColumn(coder, [this.sums[h] / this.seen[h]])[0];
      if (out instanceof Uint16Array) out[offset + h] = code;
      else out[offset + h][e] = code;
    });
  }

  /** After an event: its code and value of every variable (index into layout.variables). */
  update(codes: (j: number) => number, values: (j: number) => string | number | null): void {
    this.vars.forEach((j, h) => {
      const coder = this.layout.variables[j].coder;
      if (coder.kind === 'categorical') {
        const c = codes(j);
        const k = ++this.counts[h][c];
        if (this.best[h] < 0 || k > this.counts[h][this.best[h]]) this.best[h] = c;
      } else {
        const v = values(j);
        if (typeof v === 'number' && Number.isFinite(v)) {
          this.sums[h] += v;
          this.seen[h]++;
        }
      }
    });
  }
}
