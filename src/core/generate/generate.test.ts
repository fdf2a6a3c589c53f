import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import type { DatasetSchema, ColumnSchema, ColumnRole } from '../data/schema';
import { createRng } from '../util/random';
import {
  countViolations,
  generateWithRejection,
  GenerationRefusedError,
  inequalityConstraint,
  learnAllowedPairs,
  rangeConstraint,
  suggestConstraints,
  type ChunkSampler,
} from './index';

function schemaOf(roles: Record<string, ColumnRole>): DatasetSchema {
  const columns: ColumnSchema[] = Object.entries(roles).map(([name, role]) => ({
    name,
    role,
    inferredRole: role,
    reason: '',
    numeric: role === 'continuous',
    integer: true,
    missing: 0,
    distinct: 0,
  }));
  return { columns, target: null, positiveLabel: null, rowCount: 0 };
}

/**
 * A cheap fake generator: AGE uniform 21..79 (so AGE < 30 holds for 9/59 of rows), SEX 1/2,
 * EDUCATION with a rare label "4" in 1 % of rows, PAY_AMT1 in [-100, 900], LIMIT_BAL and BILL_AMT2
 * with BILL_AMT2 above LIMIT_BAL in ~10 % of rows. Fixed labels from the conditional vector are honoured
 * 80 % of the time (as a GAN's are: likely, not certain).
 */
function fakeSampler(seed = 1): { sampler: ChunkSampler; calls: number[] } {
  const calls: number[] = [];
  const sampler: ChunkSampler = (size, req) => {
    calls.push(size);
    const rng = createRng(seed * 1000 + req.chunk);
    const age: number[] = [];
    const sex: string[] = [];
    const edu: string[] = [];
    const pay: number[] = [];
    const limit: number[] = [];
    const bill: number[] = [];
    for (let i = 0; i < size; i++) {
      age.push(21 + rng.int(59));
      sex.push(req.fixed.SEX !== undefined && rng.next() < 0.8 ? req.fixed.SEX : rng.next() < 0.6 ? '2' : '1');
      const u = rng.next();
      edu.push(req.fixed.EDUCATION !== undefined && rng.next() < 0.8 ? req.fixed.EDUCATION : u < 0.01 ? '4' : u < 0.5 ? '1' : '2');
      pay.push(-100 + rng.int(1001));
      const l = 10_000 * (1 + rng.int(50));
      limit.push(l);
      bill.push(rng.next() < 0.1 ? l + 1 + rng.int(5000) : rng.int(l + 1));
    }
    return aq.table({ AGE: age, SEX: sex, EDUCATION: edu, PAY_AMT1: pay, LIMIT_BAL: limit, BILL_AMT2: bill });
  };
  return { sampler, calls };
}

describe('generateWithRejection', () => {
  it('honours ranges and fixed labels and reports the acceptance rate', async () => {
    const { sampler } = fakeSampler();
    const r = await generateWithRejection(sampler, {
      n: 3000,
      conditions: { fixed: { SEX: '1' }, compare: [{ column: 'AGE', op: '<', value: 30 }] },
    });
    expect(r.table.numRows()).toBe(3000);
    const ages = r.table.array('AGE') as number[];
    const sex = r.table.array('SEX') as string[];
    expect(ages.every((a) => a < 30)).toBe(true);
    expect(sex.every((s) => s === '1')).toBe(true);
    // P(SEX = 1) = 0.8 + 0.2 * 0.4 = 0.88; P(AGE < 30) = 9 / 59
    const expected = 0.88 * (9 / 59);
    expect(r.acceptanceRate).toBeGreaterThan(expected - 0.015);
    expect(r.acceptanceRate).toBeLessThan(expected + 0.015);
    expect(r.drawn).toBeGreaterThan(3000 / (expected + 0.02));
    const age = r.clauses.find((c) => c.label === 'AGE < 30')!;
    expect(age.passRate).toBeCloseTo(9 / 59, 1);
  });

  it('refuses an impossible condition with a clear message naming it and the real data', async () => {
    const { sampler, calls } = fakeSampler();
    const real = aq.table({ AGE: [22, 35, 41, 67], SEX: ['1', '2', '2', '1'] });
    const run = generateWithRejection(sampler, { n: 1000, conditions: { fixed: {}, compare: [{ column: 'AGE', op: '<', value: 18 }] }, real });
    await expect(run).rejects.toBeInstanceOf(GenerationRefusedError);
    await expect(generateWithRejection(sampler, { n: 1000, conditions: { fixed: {}, compare: [{ column: 'AGE', op: '<', value: 18 }] }, real })).rejects.toThrow(
      /^Only 0 % of generated rows satisfy AGE < 18 — the real data has none; relax the condition\./,
    );
    // bounded: refused after ~verdictAfter (20,000) candidates, not after the whole attempt budget
    const drawn = calls.reduce((s, k) => s + k, 0);
    expect(drawn).toBeLessThanOrEqual(2 * 30_000);
  });

  it('refuses a nearly impossible condition and says how often the real data meets it', async () => {
    // AGE = 21 in 1/59 of generated rows and AGE < 21.5 in 1 of 4 real rows; at most 0.5 % accepted
    const { sampler } = fakeSampler();
    const real = aq.table({ AGE: [21, 35, 41, 67] });
    const err = await generateWithRejection(sampler, {
      n: 500,
      conditions: { fixed: { SEX: '1' }, compare: [{ column: 'AGE', op: '<', value: 21.5 }] },
      real,
      minAcceptance: 0.05,
    }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(GenerationRefusedError);
    expect((err as Error).message).toMatch(/^Only 1\.\d % of generated rows satisfy AGE < 21\.5 — 25 % of the real rows do; relax the condition\./);
  });

  it('names the most rejecting clauses when only their combination is (nearly) impossible', async () => {
    // AGE in [21, 22]: 2/59 ≈ 3.4 %; PAY_AMT1 ≤ -90: 11/1001 ≈ 1.1 %; together ≈ 0.04 % < 0.2 %
    const { sampler } = fakeSampler(2);
    const constraints = [rangeConstraint('AGE', 21, 22), inequalityConstraint('PAY_AMT1', '<=', -90)];
    const err = await generateWithRejection(sampler, { n: 1000, constraints }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(GenerationRefusedError);
    expect((err as Error).message).toMatch(
      /^Only 0\.0\d % of generated rows satisfy every active constraint together\. Most rejected by: PAY_AMT1 ≤ -90 \(99 % fail it\); 21 ≤ AGE ≤ 22 \(97 % fail it\)\. To generate, turn off or relax some constraints\./,
    );
  });

  it('keeps inequality constraints and never produces a forbidden pair', async () => {
    const { sampler } = fakeSampler(3);
    // allowed pairs learnt from a training table where SEX 1 never has EDUCATION 2
    const train = aq.table({ SEX: ['1', '1', '2', '2', '2'], EDUCATION: ['1', '4', '1', '2', '4'] });
    const pairs = learnAllowedPairs(train, 'SEX', 'EDUCATION');
    expect(pairs.unseen).toBe(1);
    const constraints = [inequalityConstraint('PAY_AMT1', '>=', 0), inequalityConstraint('BILL_AMT2', '<=', 'LIMIT_BAL'), pairs, rangeConstraint('AGE', 25, 60)];
    const r = await generateWithRejection(sampler, { n: 5000, constraints, chunkSize: 2000 });
    expect(r.table.numRows()).toBe(5000);
    expect(countViolations(r.table, constraints)).toEqual({ [constraints[0].id]: 0, [constraints[1].id]: 0, [constraints[2].id]: 0, [constraints[3].id]: 0 });
    const sex = r.table.array('SEX') as string[];
    const edu = r.table.array('EDUCATION') as string[];
    expect(sex.some((s, i) => s === '1' && edu[i] === '2')).toBe(false);
    const pay = r.table.array('PAY_AMT1') as number[];
    expect(Math.min(...pay)).toBeGreaterThanOrEqual(0);
    // the same generator without constraints does break them
    const free = await generateWithRejection(sampler, { n: 5000, chunkSize: 2000 });
    const v = countViolations(free.table, constraints);
    expect(Object.values(v).every((k) => k > 0)).toBe(true);
    expect(free.acceptanceRate).toBe(1);
  });

  it('a disabled constraint is not applied', async () => {
    const { sampler } = fakeSampler(4);
    const c = { ...inequalityConstraint('PAY_AMT1', '>=', 0), enabled: false };
    const r = await generateWithRejection(sampler, { n: 2000, constraints: [c] });
    expect(countViolations(r.table, [c])[c.id]).toBeGreaterThan(0);
  });

  it('rare categories (1 % of rows) still appear, unconditionally and when fixed', async () => {
    const { sampler } = fakeSampler(5);
    const r = await generateWithRejection(sampler, { n: 20_000, constraints: [inequalityConstraint('PAY_AMT1', '>=', 0)] });
    const rare = (r.table.array('EDUCATION') as string[]).filter((e) => e === '4').length;
    // 1 % of 20,000 = 200; binomial sd ≈ 14
    expect(rare).toBeGreaterThan(140);
    expect(rare).toBeLessThan(260);
    const fixed = await generateWithRejection(sampler, { n: 1000, conditions: { fixed: { EDUCATION: '4' }, compare: [] } });
    expect((fixed.table.array('EDUCATION') as string[]).every((e) => e === '4')).toBe(true);
    expect(fixed.acceptanceRate).toBeGreaterThan(0.75);
  });

  it('generates 1,000,000 rows in chunks, yields between them and respects shouldStop', async () => {
    const cheap: ChunkSampler = (size, req) => {
      const a = new Float64Array(size);
      for (let i = 0; i < size; i++) a[i] = (req.chunk * size + i) % 100;
      return aq.table({ x: a });
    };
    let progressCalls = 0;
    let yielded = 0;
    const timer = setInterval(() => yielded++, 0);
    const t0 = performance.now();
    const r = await generateWithRejection(cheap, { n: 1_000_000, chunkSize: 10_000, onProgress: () => progressCalls++ });
    clearInterval(timer);
    expect(r.table.numRows()).toBe(1_000_000);
    expect(r.attempts).toBe(100);
    expect(progressCalls).toBe(100);
    // the event loop ran between chunks (a timer fired)
    expect(yielded).toBeGreaterThan(0);
    expect(performance.now() - t0).toBeLessThan(30_000);

    let seen = 0;
    const stopped = await generateWithRejection(cheap, {
      n: 1_000_000,
      conditions: { fixed: {}, compare: [{ column: 'x', op: '<', value: 50 }] },
      onProgress: (p) => (seen = p.accepted),
      shouldStop: () => seen >= 30_000,
    });
    expect(stopped.stopped).toBe(true);
    expect(stopped.table.numRows()).toBe(30_000);
    expect((stopped.table.array('x') as number[]).every((x) => x < 50)).toBe(true);
    expect(stopped.acceptanceRate).toBeCloseTo(0.5, 5);
  });
});

describe('suggestConstraints', () => {
  it('proposes observed ranges, non-negativity and never-seen category pairs', () => {
    const rng = createRng(9);
    const n = 2000;
    const pay: number[] = [];
    const bill: number[] = [];
    const delay: string[] = [];
    const next: string[] = [];
    const sex: string[] = [];
    for (let i = 0; i < n; i++) {
      pay.push(rng.int(5000));
      bill.push(-500 + rng.int(10_000));
      // structural zero: a delay of 2 is always followed by a delay of 1 or 2, never by 0
      const d = String(rng.int(3));
      delay.push(d);
      next.push(d === '2' ? String(1 + rng.int(2)) : String(rng.int(3)));
      sex.push(rng.next() < 0.5 ? '1' : '2');
    }
    const train = aq.table({ PAY_AMT1: pay, BILL_AMT1: bill, PAY_0: delay, PAY_2: next, SEX: sex });
    const schema = schemaOf({ PAY_AMT1: 'continuous', BILL_AMT1: 'continuous', PAY_0: 'categorical', PAY_2: 'categorical', SEX: 'categorical' });
    const s = suggestConstraints(train, schema);
    const labels = s.map((c) => c.label);
    expect(labels).toContain(`${Math.min(...pay)} ≤ PAY_AMT1 ≤ ${Math.max(...pay)}`);
    expect(labels).toContain('PAY_AMT1 ≥ 0');
    expect(labels).not.toContain('BILL_AMT1 ≥ 0');
    const pairs = s.filter((c) => c.kind === 'allowed-pairs');
    expect(pairs).toHaveLength(1);
    expect(pairs[0].kind === 'allowed-pairs' && pairs[0].columns).toEqual(['PAY_0', 'PAY_2']);
    expect(pairs[0].kind === 'allowed-pairs' && pairs[0].unseen).toBe(1);
    // JSON round trip keeps them usable
    const back = JSON.parse(JSON.stringify(s));
    expect(countViolations(train, back)).toEqual(Object.fromEntries(s.map((c) => [c.id, 0])));
    expect(s.every((c) => c.enabled && c.label.length > 0)).toBe(true);
  });
});
