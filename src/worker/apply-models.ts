/**
 * The models step 8 can use: trained ones (built from the risk step's worker methods into a model
 * file the first time they are used) and imported ones, with each model's scored scopes (the real
 * test split, the last batch file).
 */
import type { PreparedData } from './prepared-data';
import type { ComparisonRow } from '../core/risk/workbench/comparison';
import { applyDerivedFeatures, type DerivedFeatureStep } from '../core/data/derive/derived-features';
import type { FittedRiskModelJson } from '../core/risk/workbench/fitted-model';
import { readLabelColumn } from '../core/risk/features/column-values';
import { fittedModelFromJson, makeModelFile, scoreTable, trainingReference, type LoadedModel } from '../core/risk/apply';
import type { ApplyAccess, ApplyModelInfo, ApplyScope, Entry, ScopeData } from './apply-types';

export function createApplyModels(prepared: PreparedData, access: () => ApplyAccess) {
  const entries = new Map<string, Entry>();
  let importCounter = 0;

  const trainedRows = (): ComparisonRow[] => {
    try {
      return access().riskComparison();
    } catch {
      return [];
    }
  };

  /** Forget trained models the risk step no longer has (data or split changed, results cleared). */
  const sync = (): ComparisonRow[] => {
    const rows = trainedRows();
    const ids = new Set(rows.map((r) => r.id));
    for (const [id, e] of entries) if (e.source === 'trained' && !ids.has(id)) entries.delete(id);
    return rows;
  };

  const buildTrained = async (row: ComparisonRow): Promise<Entry> => {
    const json = JSON.parse(access().riskModelJson(row.id)) as FittedRiskModelJson & { derivedFeatures?: DerivedFeatureStep[] };
    const derived = json.derivedFeatures ?? [];
    const fitted = fittedModelFromJson(json);
    const result = access().riskResult(row.id);
    const source = prepared.source();
    const cleanedSchema = prepared.cleaned().schema;
    let train = prepared.trainTable();
    if (derived.length > 0) train = applyDerivedFeatures(train, cleanedSchema, derived).table;
    const reference = await trainingReference(fitted, train, source.schema, source.table);
    const cutoff = result.evaluation.threshold;
    const file = makeModelFile({
      name: `${result.label}`,
      label: result.label,
      fitted,
      derivedFeatures: derived,
      schema: source.schema,
      recipe: prepared.recipe(),
      cutoff: { pd: cutoff, strategy: { kind: 'manual', pd: cutoff } },
      reference,
    });
    return { id: row.id, source: 'trained', rocAuc: row.rocAuc, loaded: { file, fitted }, test: null, batch: null };
  };

  const entry = async (id: string): Promise<Entry> => {
    const rows = sync();
    const have = entries.get(id);
    if (have) return have;
    const row = rows.find((r) => r.id === id);
    if (!row) throw new Error(`No model "${id}": train one in step 6 or import a model file.`);
    const e = await buildTrained(row);
    entries.set(id, e);
    return e;
  };

  const info = (e: Entry): ApplyModelInfo => ({ id: e.id, label: e.loaded.file.label, source: e.source, kind: e.loaded.file.modelKind, rocAuc: e.rocAuc });

  /** The real test split with the model's derived features, scored (trained models only). */
  const testScope = async (e: Entry): Promise<ScopeData | null> => {
    if (e.source !== 'trained') return null;
    if (e.test) return e.test;
    let table = prepared.testTable();
    const { file, fitted } = e.loaded;
    if (file.derivedFeatures.length > 0) table = applyDerivedFeatures(table, prepared.cleaned().schema, file.derivedFeatures).table;
    const scored = await scoreTable(fitted, table, { reasons: 3, reference: file.reference.encodedMeans });
    let labels: Float64Array | null = null;
    const target = file.schema.target;
    if (target && table.columnNames().includes(target)) {
      labels = Float64Array.from(readLabelColumn(table, target), (l) => (l === null ? NaN : l === (file.schema.positiveLabel ?? '1') ? 1 : 0));
    }
    e.test = { table, pd: scored.pd, reasons: scored.reasons ?? [], labels };
    return e.test;
  };

  const scope = async (e: Entry, which: ApplyScope): Promise<ScopeData> => {
    if (which === 'batch') {
      if (!e.batch) throw new Error('Score a batch file first (Batch scoring).');
      return e.batch;
    }
    const t = await testScope(e);
    if (!t) throw new Error('The test split is only available for models trained in this session; score a batch file instead.');
    return t;
  };

  /** Register an imported model file under a fresh id. */
  const addImported = (loaded: LoadedModel): Entry => {
    const id = `imported-${++importCounter}`;
    const e: Entry = { id, source: 'imported', rocAuc: null, loaded: { ...loaded, file: { ...loaded.file, label: `${loaded.file.label} (imported)` } }, test: null, batch: null };
    entries.set(id, e);
    return e;
  };

  return { entries, sync, entry, info, scope, addImported };
}

export type ApplyModels = ReturnType<typeof createApplyModels>;

