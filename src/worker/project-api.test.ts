/**
 * Persistence end to end in Node: a dataset session with roles, recipe and split is saved through
 * the hooks, then restored into a fresh session (a "new worker") from the same store; a GAN run's
 * checkpoint resumes in a new session and finishes.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { DatasetSession } from './dataset-session';
import { PreparedData } from './prepared-data';
import { GanSession, type TrainingEvent, type TrainingSettings } from './gan-session';
import { checkpointFromStored, createProjectApi, projectHooks } from './project-api';
import { memoryAdapter, type KvAdapter, type StoredGan } from './project-store';
import { createRng } from '../core/util/random';
import { openText } from '../core/data/__fixtures__/streams.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** 200 rows: an id, a bimodal amount, a grade with a rare code, a default flag tied to the amount. */
function csv(): string {
  const rng = createRng(11);
  const lines = ['id,amount,grade,default'];
  for (let i = 0; i < 200; i++) {
    const high = rng.next() < 0.5;
    const amount = Math.round((high ? 5000 : 1000) + 300 * rng.normal());
    const grade = i % 50 === 7 ? '9' : String(1 + (i % 3));
    const def = rng.next() < (high ? 0.6 : 0.1) ? 1 : 0;
    lines.push(`${i + 1},${amount},${grade},${def}`);
  }
  return lines.join('\n') + '\n';
}

function worker(adapter: KvAdapter) {
  const session = new DatasetSession();
  const prepared = new PreparedData(session);
  const api = createProjectApi(session, prepared, adapter);
  return { session, prepared, api };
}

const tiny: Partial<TrainingSettings> = {
  embeddingDim: 8,
  generatorDims: [16, 16],
  discriminatorDims: [16, 16],
  pac: 2,
  batchSize: 40,
  epochs: 4,
  maxModes: 3,
  probeEvery: 2,
  seed: 3,
};

describe('project persistence', () => {
  test('dataset, role override, target, recipe, split and step come back in a fresh worker', async () => {
    const adapter = memoryAdapter();
    const a = worker(adapter);
    const text = csv();
    const out = projectHooks.afterLoad(await a.session.load(openText(text), { name: 'loans.csv' }, () => undefined));
    expect(out.ok).toBe(true);
    a.session.setRole('grade', 'categorical');
    // the event class chosen against the suggestion (the minority class "1") is what comes back
    expect(a.session.current()!.schema.positiveLabel).toBe('1');
    a.session.setTarget('default', '0');
    projectHooks.changed();
    expect(a.prepared.setRecipe([{ id: 'fix-grade', kind: 'remapCategories', enabled: true, column: 'grade', mapping: { '9': '3' } }]).ok).toBe(true);
    projectHooks.changed();
    a.prepared.makeSplit(0.3, 17);
    projectHooks.changed();
    a.api.projectSetStep('explore');
    await a.api.projectFlush();
    const before = { schema: a.session.current()!.schema, recipe: a.prepared.recipeState(), split: a.prepared.splitSummary(), rows: a.session.rows(0, 200) };

    const b = worker(adapter);
    const restored = await b.api.projectRestore();
    expect(restored).not.toBeNull();
    expect(restored!.project.name).toBe('loans');
    expect(restored!.step).toBe('explore');
    expect(restored!.notices).toEqual([]);
    expect(restored!.dataset!.name).toBe('loans.csv');
    expect(b.session.current()!.schema).toEqual(before.schema);
    expect(b.session.current()!.schema.columns.find((c) => c.name === 'grade')!.role).toBe('categorical');
    expect(b.session.current()!.schema.target).toBe('default');
    expect(b.session.current()!.schema.positiveLabel).toBe('0');
    expect(b.session.rows(0, 200)).toEqual(before.rows);
    expect(b.prepared.recipeState().steps).toEqual(before.recipe.steps);
    expect(b.prepared.recipeState().reports).toEqual(before.recipe.reports);
    expect(b.prepared.splitSummary()).toEqual(before.split);
    expect(b.prepared.splitSummary()).toMatchObject({ seed: 17, testFraction: 0.3 });
    // the same cleaned train rows
    expect(b.prepared.trainTable().objects()).toEqual(a.prepared.trainTable().objects());

    // the project file: export, import into an empty store, restore there
    const file = await b.api.projectExport();
    const c = worker(memoryAdapter());
    const imported = await c.api.projectImport(new Blob([file.json]));
    expect(imported.name).toBe('loans');
    const r3 = await c.api.projectRestore();
    expect(r3!.dataset!.rowCount).toBe(200);
    expect(c.prepared.recipeState().steps).toEqual(before.recipe.steps);
    expect(c.prepared.splitSummary()).toEqual(before.split);
  });

  test('an interrupted GAN run resumes from its checkpoint (same weights, same transformer) and finishes', async () => {
    // record every GAN part written, to pick the one an interrupted run would have left behind
    const base = memoryAdapter();
    const ganWrites: StoredGan[] = [];
    const adapter: KvAdapter = {
      ...base,
      put: async (store, key, value) => {
        if (store === 'parts' && key.endsWith('/gan')) ganWrites.push(structuredClone(value) as StoredGan);
        return base.put(store, key, value);
      },
    };
    const a = worker(adapter);
    projectHooks.afterLoad(await a.session.load(openText(csv()), { name: 'loans.csv' }, () => undefined));
    a.session.setTarget('default', '1');
    a.prepared.makeSplit(0.2, 42);
    await a.api.projectSetCheckpointEvery(2);
    const gan = new GanSession(a.prepared);
    projectHooks.attachGan(gan);
    const first = await gan.train(tiny, () => undefined);
    projectHooks.ganEnded(first);
    await a.api.projectFlush();
    expect(first).toMatchObject({ status: 'finished', epochs: 4 });
    expect(ganWrites.map((g) => [g.checkpoint?.epoch, g.ended])).toEqual([
      [2, false],
      [4, false],
      [4, true],
    ]);

    // "the tab crashed after epoch 2": a new worker restores the project and is offered a resume
    const interrupted = ganWrites[0];
    await base.put('parts', `${(await a.api.projectList()).currentId}/gan`, interrupted);
    const b = worker(base);
    const gb = new GanSession(b.prepared);
    projectHooks.attachGan(gb);
    const restored = await b.api.projectRestore();
    expect(restored!.resume).toMatchObject({ epoch: 2, epochs: 4 });
    expect(restored!.modelRestored).toBe(true);
    const cp = (await projectHooks.resumePoint())!;
    expect(cp.epoch).toBe(2);
    const saved = checkpointFromStored(interrupted)!;
    // the restored model holds exactly the checkpoint's weights
    const now = gb.checkpoint()!;
    expect(now.weights.map((w) => w.name)).toEqual(saved.weights.map((w) => w.name));
    for (let i = 0; i < saved.weights.length; i++) expect(Array.from(now.weights[i].data)).toEqual(Array.from(saved.weights[i].data));

    const events: TrainingEvent[] = [];
    const resumed = await gb.train({}, (e) => events.push(e), { resumeFrom: cp });
    expect(resumed).toMatchObject({ status: 'finished', epochs: 4 });
    expect(events.filter((e) => e.type === 'epoch').map((e) => (e.type === 'epoch' ? e.point.epoch : 0))).toEqual([3, 4]);
    expect(events.some((e) => e.type === 'phase' && /Resuming from the checkpoint of epoch 2/.test(e.message))).toBe(true);
    const state = gb.state();
    expect(state.epochs.map((p) => p.epoch)).toEqual([1, 2, 3, 4]);
    expect(state.model!.epochsTrained).toBe(4);
    // the transformer is the saved one, not refitted
    expect(gb.checkpoint()!.transformer).toEqual(saved.transformer);
    gb.dispose();
    gan.dispose();
  });
});
