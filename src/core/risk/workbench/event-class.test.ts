/**
 * A file whose target is coded 1 = good, 0 = bad (like the German credit data): the event class
 * suggested at load is 0, and a model trained on it gives a clearly risky applicant (longest
 * duration, largest amount, no checking account) a high probability of the event, declines
 * them, and lists those inputs as raising the risk. With the event wrongly fixed to "1" the same
 * applicant would be approved: the test checks both, so it cannot pass with the choice ignored.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCsv } from '../../data/load/index.ts';
import { applySchema, inferSchema } from '../../data/infer/index.ts';
import { openText } from '../../data/__fixtures__/streams.ts';
import { createRng } from '../../util/random.ts';
import { takeTableRows } from './table-rows.ts';
import { encodeFor, predictTable, trainAndEvaluate } from './index.ts';
import { decide, explainRows, pointsFromPd, trainingReference } from '../apply/index.ts';
import * as aq from 'arquero';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** 600 applicants; bad (0) is more likely with a long duration, a large amount and no checking account. */
function oneIsGoodCsv(): string {
  const rng = createRng(14);
  const lines = ['duration,amount,checking,credit_risk'];
  for (let i = 0; i < 600; i++) {
    const duration = 6 + Math.floor(rng.next() * 55);
    const amount = Math.round(500 + rng.next() * 15000);
    const checking = rng.next() < 0.4 ? 'no_account' : rng.next() < 0.5 ? 'low' : 'high';
    const z = -2.2 + 0.05 * (duration - 30) + 0.00015 * (amount - 8000) + (checking === 'no_account' ? 1.6 : checking === 'low' ? 0.3 : -0.8);
    const bad = rng.next() < 1 / (1 + Math.exp(-z));
    lines.push(`${duration},${amount},${checking},${bad ? 0 : 1}`);
  }
  return lines.join('\n') + '\n';
}

describe('a 1 = good target', () => {
  it('suggests event 0, and the risky applicant gets a high probability, a decline and "raises risk" reasons', async () => {
    const { table: raw } = await loadCsv(openText(oneIsGoodCsv()));
    const schema = inferSchema(raw);
    expect(schema.target).toBe('credit_risk');
    expect(schema.positiveLabel).toBe('0');
    const typed = applySchema(raw, schema);
    const idx = Array.from({ length: typed.numRows() }, (_, i) => i);
    const train = takeTableRows(typed, Int32Array.from(idx.filter((i) => i % 4 !== 0)));
    const test = takeTableRows(typed, Int32Array.from(idx.filter((i) => i % 4 === 0)));
    const risky = aq.table({ duration: [60], amount: [15500], checking: ['no_account'], credit_risk: [null] });
    const safe = aq.table({ duration: [6], amount: [600], checking: ['high'], credit_risk: [null] });

    const { result, fitted } = await trainAndEvaluate({ model: 'logistic', mode: 'real', train, test, schema, options: { seed: 1, bootstrapReplicates: 50, importance: false } });
    expect(result.evaluation.rocAuc).toBeGreaterThan(0.7);
    const [pRisky] = await predictTable(fitted, risky);
    const [pSafe] = await predictTable(fitted, safe);
    // the generating model gives them 0.88 and 0.005
    expect(pRisky).toBeGreaterThan(0.6);
    expect(pSafe).toBeLessThan(0.1);
    const cutoff = 0.5;
    expect(decide(pRisky, cutoff)).toBe('decline');
    expect(decide(pSafe, cutoff)).toBe('approve');
    expect(pointsFromPd(pRisky)).toBeLessThan(pointsFromPd(pSafe));
    const reference = await trainingReference(fitted, train, schema, typed);
    const ex = await explainRows(fitted, encodeFor(fitted, risky), reference.encodedMeans);
    const contribution = (name: string) => ex.rows[0].contributions[ex.inputs.indexOf(name)];
    for (const name of ['duration', 'amount', 'checking']) expect(contribution(name), name).toBeGreaterThan(0);

    // the old behaviour (event fixed to "1" = good) inverts the decision: the risky applicant is approved
    const inverted = await trainAndEvaluate({ model: 'logistic', mode: 'real', train, test, schema: { ...schema, positiveLabel: '1' }, options: { seed: 1, bootstrapReplicates: 50, importance: false } });
    const [pWrong] = await predictTable(inverted.fitted, risky);
    expect(decide(pWrong, cutoff)).toBe('approve');
  });
});
