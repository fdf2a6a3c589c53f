/**
 * A worker restart (or a reload) keeps what the project had saved: the engine model fitted last and
 * the synthetic rows the later steps use, tied again to their run in the history, so Validate does
 * not say "No synthetic data yet" after a restore. The restore's "current model" follows the order
 * things were made in: an engine saved after the GAN stays current, one saved before it does not.
 */
import * as aq from 'arquero';
import { describe, expect, test } from 'vitest';
import { DatasetSession } from './dataset-session';
import { PreparedData } from './prepared-data';
import { createProjectApi, projectHooks } from './project-api';
import { memoryAdapter, type KvAdapter } from './project-store';
import { createEngineApi } from './engine-api';
import { createValidateApi } from './validate-api';
import { getSyntheticTable, setSyntheticTable } from './synthetic-registry';
import type { GanAccess } from './generate-api';
import type { TrainingState } from './gan-session';
import { createRng } from '../core/util/random';
import { openText } from '../core/data/__fixtures__/streams.ts';

function csv(): string {
  const rng = createRng(5);
  const lines = ['amount,grade,default'];
  for (let i = 0; i < 200; i++) {
    const high = rng.next() < 0.5;
    lines.push(`${Math.round((high ? 5000 : 1000) + 300 * rng.normal())},${1 + (i % 3)},${rng.next() < (high ? 0.6 : 0.1) ? 1 : 0}`);
  }
  return lines.join('\n') + '\n';
}

/** No GAN in these workers: the GAN's state as the generate step reads it, with no model. */
const noGan: GanAccess = {
  ganState: () => ({ model: null, epochs: [], message: null }) as unknown as TrainingState,
  ganExportModel: () => {
    throw new Error('no GAN');
  },
  ganProvenance: () => null,
};

function worker(adapter: KvAdapter) {
  const session = new DatasetSession();
  const prepared = new PreparedData(session);
  const api = createProjectApi(session, prepared, adapter);
  const engine = createEngineApi(prepared, () => noGan);
  const validate = createValidateApi(prepared);
  return { session, prepared, api, engine, validate };
}

describe('a restart keeps the engine model and the synthetic rows', () => {
  test('fitted engine, generated rows and their run come back in a fresh worker', async () => {
    const adapter = memoryAdapter();
    const a = worker(adapter);
    expect(projectHooks.afterLoad(await a.session.load(openText(csv()), { name: 'loans.csv' }, () => undefined)).ok).toBe(true);
    a.session.setRole('grade', 'categorical');
    a.session.setTarget('default', '1');
    a.prepared.makeSplit(0.25, 3);
    projectHooks.changed();
    const fit = await a.engine.engineFit({ kind: 'latent-class', seed: 1 });
    expect(fit.status).toBe('done');
    // what the generate step does with its rows: they become the synthetic table of the later steps
    const rows = aq.table({ amount: [1000, 5200, 990], grade: ['1', '2', '3'], default: ['0', '1', '0'] });
    setSyntheticTable(rows, 'Mixture model (latent class), seed 1');
    const run = a.validate.validateStatus().current!;
    expect(run).not.toBeNull();
    await new Promise((r) => setTimeout(r, 300)); // the run history is saved after a short debounce
    await a.api.projectFlush();

    // the worker dies: a fresh one starts with an empty registry and restores from the store
    setSyntheticTable(null, '', { createdAt: 0 });
    const b = worker(adapter);
    expect(b.engine.engineState().model).toBeNull();
    expect(b.validate.validateStatus().problem).toMatch(/No dataset/);
    const restored = await b.api.projectRestore();
    expect(restored!.modelRestored).toBe(true);
    expect(restored!.syntheticRows).toBe(3);
    expect(restored!.notices).toEqual([]);
    expect(b.engine.engineState().model?.kind).toBe('latent-class');
    expect(getSyntheticTable()!.objects()).toEqual(rows.objects());
    const status = b.validate.validateStatus();
    expect(status.problem).toBeNull();
    // the same run, with its data kept again: its report can be built
    expect(status.current?.id).toBe(run.id);
    expect(status.current?.dataKept).toBe(true);
    expect(status.runs).toHaveLength(1);
  });
});
