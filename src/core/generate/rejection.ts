/**
 * Chunked rejection sampling: draw candidate chunks from any generator, keep the rows meeting the
 * what-if condition and every enabled constraint, until n rows are kept. Chunks keep memory and
 * latency bounded (1,000,000 rows = ~100 chunks of 10,000) and the loop yields between chunks so a
 * worker stays responsive to progress and cancel messages.
 *
 * A condition the generator (almost) never meets is refused after a bounded number of candidate
 * rows, naming the clause that fails most and how often the real data meets it.
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { Constraint } from './constraints';
import { conditionClauses, constraintClauses, countSatisfying, type Clause, type WhatIf } from './what-if';

export interface ChunkRequest {
  /** categorical labels to condition the generator on (its conditional vector) */
  fixed: Record<string, string>;
  /** 0, 1, 2, …: the chunk's number, e.g. to derive a seed */
  chunk: number;
}

/** Draws `size` candidate rows (a typed table of the modelled columns). */
export type ChunkSampler = (size: number, request: ChunkRequest) => ColumnTable | Promise<ColumnTable>;

export interface GenerationProgress {
  /** rows kept so far */
  accepted: number;
  n: number;
  /** candidate rows drawn so far */
  drawn: number;
  /** chunks drawn so far */
  attempts: number;
}

export interface RejectionOptions {
  n: number;
  conditions?: WhatIf;
  constraints?: readonly Constraint[];
  /** candidate rows per chunk at most (default 10,000) */
  chunkSize?: number;
  /** chunks drawn at most before refusing (default: enough for an acceptance rate of 2 %, and at least 500,000 candidates) */
  maxAttempts?: number;
  /** refuse when fewer than this share of candidates are kept (default 0.002 = 0.2 %) */
  minAcceptance?: number;
  /** judge the acceptance rate only after this many candidates (default 20,000) */
  verdictAfter?: number;
  /** the training table, to tell the user how often the real data meets a refused condition */
  real?: ColumnTable;
  onProgress?: (p: GenerationProgress) => void;
  /** polled between chunks; true ends the run with the rows kept so far (`stopped: true`) */
  shouldStop?: () => boolean;
}

export interface ClauseStat {
  label: string;
  source: 'condition' | 'constraint';
  /** share of candidate rows satisfying this clause on its own */
  passRate: number;
}

export interface RejectionResult {
  table: ColumnTable;
  /** kept / drawn candidates (1 without any clause) */
  acceptanceRate: number;
  /** chunks drawn */
  attempts: number;
  /** candidate rows drawn */
  drawn: number;
  /** shouldStop answered true: `table` holds fewer than n rows */
  stopped: boolean;
  clauses: ClauseStat[];
}

/** Thrown when the condition is (nearly) never met; the message says what to relax. */
export class GenerationRefusedError extends Error {
  constructor(
    message: string,
    readonly acceptanceRate: number,
    readonly drawn: number,
  ) {
    super(message);
    this.name = 'GenerationRefusedError';
  }
}

export const DEFAULT_CHUNK = 10_000;
const DEFAULT_MIN_ACCEPTANCE = 0.002;
const DEFAULT_VERDICT_AFTER = 20_000;
/** the default attempt budget: candidates for n rows at 2 % acceptance, and at least 500,000 */
const BUDGET_ACCEPTANCE = 0.02;
const BUDGET_MIN_ROWS = 500_000;

const yieldNow = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function formatPercent(rate: number): string {
  const p = rate * 100;
  if (p === 0) return '0 %';
  if (p < 0.01) return '< 0.01 %';
  if (p < 1) return `${p.toFixed(2)} %`;
  if (p < 10) return `${p.toFixed(1)} %`;
  return `${Math.round(p)} %`;
}

export async function generateWithRejection(sampleChunk: ChunkSampler, options: RejectionOptions): Promise<RejectionResult> {
  const { n } = options;
  if (!Number.isInteger(n) || n < 1) throw new Error(`the number of rows must be a whole number ≥ 1, got ${n}`);
  const chunkSize = Math.max(1, Math.floor(options.chunkSize ?? DEFAULT_CHUNK));
  const maxAttempts = options.maxAttempts ?? Math.ceil(Math.max(n / BUDGET_ACCEPTANCE, BUDGET_MIN_ROWS) / chunkSize) + 5;
  const minAcceptance = options.minAcceptance ?? DEFAULT_MIN_ACCEPTANCE;
  const verdictAfter = options.verdictAfter ?? DEFAULT_VERDICT_AFTER;
  const conditions = options.conditions ?? { fixed: {}, compare: [] };
  const clauses: Clause[] = [...conditionClauses(conditions), ...constraintClauses(options.constraints ?? [])];
  const passes = new Array<number>(clauses.length).fill(0);

  let names: string[] | null = null;
  let buffers: unknown[][] = [];
  let accepted = 0;
  /** candidates meeting every clause, also those beyond n in the last chunk */
  let passingAll = 0;
  let drawn = 0;
  let attempts = 0;
  let stopped = false;

  const stats = (): ClauseStat[] => clauses.map((c, k) => ({ label: c.label, source: c.source, passRate: drawn ? passes[k] / drawn : 1 }));

  while (accepted < n) {
    if (options.shouldStop?.()) {
      stopped = true;
      break;
    }
    if (attempts >= maxAttempts) {
      throw refusal(clauses, stats(), accepted, drawn, n, options.real, `after ${attempts} chunks (${drawn.toLocaleString('en-US')} generated rows) only ${accepted.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} rows were found`);
    }
    const rate = drawn > 0 ? Math.max(passingAll / drawn, minAcceptance) : 1;
    const want = Math.ceil(((n - accepted) / rate) * 1.1);
    const size = Math.min(chunkSize, Math.max(Math.min(1000, chunkSize), want));
    const chunk = await sampleChunk(size, { fixed: { ...conditions.fixed }, chunk: attempts });
    attempts++;
    const rows = chunk.numRows();
    drawn += rows;
    if (!names) {
      names = chunk.columnNames();
      buffers = names.map(() => []);
    }
    const tests = clauses.map((c) => c.bind(chunk));
    const cols = names.map((name) => {
      const col = chunk.column(name);
      if (!col) throw new Error(`the generator's chunk ${attempts} has no column "${name}"`);
      return chunk.array(name) as ArrayLike<unknown>;
    });
    for (let i = 0; i < rows; i++) {
      let ok = true;
      for (let k = 0; k < tests.length; k++) {
        if (tests[k](i)) passes[k]++;
        else ok = false;
      }
      if (!ok) continue;
      passingAll++;
      if (accepted >= n) continue;
      for (let j = 0; j < cols.length; j++) buffers[j].push(cols[j][i]);
      accepted++;
    }
    options.onProgress?.({ accepted, n, drawn, attempts });
    if (accepted < n && drawn >= verdictAfter) {
      const passing = passingAll;
      const r = passing / drawn;
      if (r < minAcceptance) throw refusal(clauses, stats(), passing, drawn, n, options.real, null);
      const chunksNeeded = Math.ceil((n - accepted) / r / chunkSize);
      if (attempts + chunksNeeded > maxAttempts * 1.5) {
        throw refusal(
          clauses,
          stats(),
          passing,
          drawn,
          n,
          options.real,
          `at ${formatPercent(r)} acceptance, ${n.toLocaleString('en-US')} rows need about ${Math.round(n / r).toLocaleString('en-US')} generated rows, more than the limit of ${(maxAttempts * chunkSize).toLocaleString('en-US')}`,
        );
      }
    }
    await yieldNow();
  }

  const data: Record<string, unknown[]> = {};
  (names ?? []).forEach((name, j) => (data[name] = buffers[j]));
  buffers = [];
  const table = aq.table(data, names ?? []);
  return { table, acceptanceRate: drawn ? passingAll / drawn : 1, attempts, drawn, stopped, clauses: stats() };
}

function refusal(clauses: Clause[], stats: ClauseStat[], passing: number, drawn: number, n: number, real: ColumnTable | undefined, detail: string | null): GenerationRefusedError {
  const rate = drawn ? passing / drawn : 0;
  const tail = detail ? ` (${detail}.)` : '';
  if (clauses.length === 0) {
    return new GenerationRefusedError(`The generator did not produce ${n.toLocaleString('en-US')} rows.${tail}`, rate, drawn);
  }
  const order = stats.map((_, k) => k).sort((a, b) => stats[a].passRate - stats[b].passRate);
  const worst = order[0];
  const w = stats[worst];
  // one clause explains the refusal when it alone rejects about as much as all of them together
  const alone = clauses.length === 1 || w.passRate <= Math.max(rate * 2, rate + 0.005);
  const realShare = (count: number) => (count === 0 ? ' — the real data has none' : ` — ${formatPercent(count / real!.numRows())} of the real rows do`);
  const hasReal = real !== undefined && real.numRows() > 0;
  if (alone) {
    const realPart = hasReal ? realShare(countSatisfying(real, clauses[worst])) : '';
    const advice = w.source === 'condition' ? 'relax the condition' : 'turn that constraint off or relax it';
    return new GenerationRefusedError(`Only ${formatPercent(w.passRate)} of generated rows satisfy ${w.label}${realPart}; ${advice}.${tail}`, rate, drawn);
  }
  const realPart = hasReal ? realShare(countAllTogether(real, clauses)) : '';
  const top = order
    .filter((k) => stats[k].passRate < 1)
    .slice(0, 3)
    .map((k) => `${stats[k].label} (${formatPercent(1 - stats[k].passRate)} fail it)`);
  const hasConstraint = order.slice(0, 3).some((k) => stats[k].source === 'constraint');
  const advice = !hasConstraint ? 'relax the condition' : clauses.some((c) => c.source === 'condition') ? 'relax the condition or turn off some constraints' : 'turn off or relax some constraints';
  return new GenerationRefusedError(
    `Only ${formatPercent(rate)} of generated rows satisfy ${clauses.some((c) => c.source === 'condition') ? 'the condition and every active constraint' : 'every active constraint'} together${realPart}. Most rejected by: ${top.join('; ')}. To generate, ${advice}.${tail}`,
    rate,
    drawn,
  );
}

function countAllTogether(table: ColumnTable, clauses: Clause[]): number {
  const tests = clauses.map((c) => c.bind(table));
  const n = table.numRows();
  let k = 0;
  for (let i = 0; i < n; i++) if (tests.every((t) => t(i))) k++;
  return k;
}
