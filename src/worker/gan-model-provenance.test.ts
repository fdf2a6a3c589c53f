/**
 * A GAN keeps the record of what it was trained on (data, recipe, split) in its saved model file
 * and in the project's checkpoint, so a model loaded again is checked like a freshly trained one:
 * its runs say "match" on the same split and "mismatch" after "Split again", never "unknown".
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { DatasetSession } from './dataset-session';
import { PreparedData } from './prepared-data';
import { createGanApi } from './gan-api';
import { createValidateApi } from './validate-api';
import { getSyntheticInfo } from './synthetic-registry';
import { checkpointFromStored, storedFromCheckpoint } from './project-api';
import { readProvenance } from './gan-model-file';
import type { TrainingSettings } from './gan-settings-presets';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

function csv(n: number): string {
  const lines = ['id,age,limit,grade,default'];
  for (let i = 0; i < n; i++) lines.push(`c${i},${20 + ((i * 7) % 40)},${(1 + ((i * 5) % 9)) * 10000},${['a', 'b', 'c'][i % 3]},${i % 4 === 0 ? 1 : 0}`);
  return lines.join('\n') + '\n';
}

const tiny: Partial<TrainingSettings> = { embeddingDim: 8, generatorDims: [16], discriminatorDims: [16], pac: 2, batchSize: 40, epochs: 1, maxModes: 2, probeEvery: 1, seed: 3 };

async function prepared(): Promise<PreparedData> {
  const session = new DatasetSession();
  const out = await session.load(() => new Blob([csv(200)]).stream(), { name: 'p.csv' }, () => undefined);
  if (!out.ok) throw new Error(out.error.message);
  session.setTarget('default', '1');
  const p = new PreparedData(session);
  p.makeSplit(0.25, 42);
  return p;
}

describe('a saved GAN keeps what it was trained on', () => {
  test('export → import: the record comes back, runs match on the same split and mismatch after a new split', async () => {
    const data = await prepared();
    const trainedOn = data.provenance()!;
    const a = createGanApi(data);
    const outcome = await a.ganTrain(tiny, () => undefined);
    expect(outcome.status).toBe('finished');
    expect(a.ganProvenance()).toEqual(trainedOn);
    const text = a.ganExportModel('tiny');
    expect(JSON.parse(text).provenance).toEqual(trainedOn);

    // a second API (another page session) loads the file: the record is the file's, not null
    const b = createGanApi(data);
    await b.ganImportModel(new Blob([text]));
    expect(b.ganProvenance()).toEqual(trainedOn);
    await b.ganGenerate(50, { seed: 1 });
    expect(getSyntheticInfo()?.trainedOn).toEqual(trainedOn);
    const validate = createValidateApi(data);
    expect(validate.validateStatus().check?.state).toBe('match');

    data.makeSplit(0.25, 7);
    expect(validate.validateStatus().check?.state).toBe('mismatch');
    data.makeSplit(0.25, 42);

    // a file saved before the record existed, or with a record that is not well formed: "unknown"
    for (const provenance of [undefined, { ...trainedOn, split: { ...trainedOn.split, trainHash: 7 } }]) {
      const old = JSON.parse(text);
      if (provenance === undefined) delete old.provenance;
      else old.provenance = provenance;
      await b.ganImportModel(new Blob([JSON.stringify(old)]));
      expect(b.ganProvenance()).toBeNull();
      await b.ganGenerate(50, { seed: 1 });
      expect(getSyntheticInfo()?.trainedOn).toBeNull();
      expect(validate.validateStatus().check?.state).toBe('unknown');
    }
  }, 60_000);

  test('the project checkpoint keeps the record too; a malformed one reads as unknown', async () => {
    const data = await prepared();
    const api = createGanApi(data);
    await api.ganTrain(tiny, () => undefined);
    const json = JSON.parse(api.ganExportModel());
    const cp = {
      epoch: 1,
      settings: json.settings,
      transformer: json.transformer,
      schema: json.schema,
      trainRows: 150,
      weights: [],
      usedEpoch: 1,
      history: { epochs: [], probes: [], divergences: [] },
      provenance: data.provenance(),
    };
    const stored = JSON.parse(JSON.stringify(storedFromCheckpoint(cp, true, 'finished', '2026-12-06T00:00:00Z')));
    expect(checkpointFromStored(stored)?.provenance).toEqual(data.provenance());
    delete stored.checkpoint.provenance;
    expect(checkpointFromStored(stored)?.provenance).toBeNull();
    expect(readProvenance({ ...data.provenance(), split: { ...data.provenance()!.split, mode: 'other' } })).toBeNull();
    expect(readProvenance('a string')).toBeNull();
  }, 60_000);
});
