/**
 * The plan shown before training: the modelled columns and their encoded widths, the excluded
 * identifier / text columns, width warnings to confirm, and the default live view. Fits nothing.
 */
import { isModelledRole } from '../core/data/schema';
import { defaultLiveColumns, defaultScatterPair } from '../core/gan/probe-columns';
import type { PlannedColumn, TrainingDataSource, TrainingPlan } from './gan-session-types';

/** Encoded widths above these make training slow and the GAN poor: warn before training. */
export const WIDE_ENCODING = 500;
export const MANY_LABELS = 100;

function distinctLabels(values: ArrayLike<unknown>): number {
  const seen = new Set<string>();
  let missing = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) missing = true;
    else seen.add(String(v));
  }
  return seen.size + (missing ? 1 : 0);
}

/** Columns, encoded width and warnings for `maxModes` modes per continuous column. Makes the default split if none exists. */
export function planTraining(data: TrainingDataSource, maxModes: number): TrainingPlan {
  let splitMadeNow = false;
  if (!data.split()) {
    data.makeSplit(0.2, 42);
    splitMadeNow = true;
  }
  const { schema } = data.cleaned();
  const train = data.trainTable();
  const columns: PlannedColumn[] = [];
  const excluded: TrainingPlan['excluded'] = [];
  for (const c of schema.columns) {
    if (!isModelledRole(c.role)) {
      excluded.push({ name: c.name, role: c.role });
      continue;
    }
    if (c.role === 'categorical') {
      const labels = distinctLabels(train.array(c.name) as ArrayLike<unknown>);
      columns.push({ name: c.name, role: c.role, width: labels, labels });
    } else {
      const hasMissing = (train.array(c.name) as ArrayLike<unknown>).length > 0 && Array.from(train.array(c.name) as ArrayLike<unknown>).some((v) => v === null || v === undefined);
      columns.push({ name: c.name, role: c.role, width: 1 + maxModes + (hasMissing ? 2 : 0) });
    }
  }
  const estimatedWidth = columns.reduce((s, c) => s + c.width, 0);
  const manyLabelColumns = columns.filter((c) => (c.labels ?? 0) > MANY_LABELS);
  const parts: string[] = [];
  if (manyLabelColumns.length > 0) {
    parts.push(
      `${manyLabelColumns.map((c) => `"${c.name}" (${c.labels} labels)`).join(', ')} ${manyLabelColumns.length > 1 ? 'have' : 'has'} more than ${MANY_LABELS} categories: each label becomes its own output and condition, which makes training slow and the rare labels poorly learned. Consider grouping rare categories into "other" (Clean & explore) or treating the column as text (not modelled).`,
    );
  }
  if (estimatedWidth > WIDE_ENCODING) {
    parts.push(`The encoded row is about ${estimatedWidth} numbers wide (more than ${WIDE_ENCODING}); training will be slow and memory-hungry.`);
  }
  if (columns.length === 0) parts.push('No column is modelled: give at least one column a continuous, categorical or datetime role.');
  const modelled = new Set(columns.map((c) => c.name));
  const liveColumns = defaultLiveColumns(columns.map((c) => c.name));
  return {
    trainRows: train.numRows(),
    splitMadeNow,
    columns,
    excluded,
    estimatedWidth,
    manyLabelColumns,
    warning: parts.length ? parts.join(' ') : null,
    liveColumns,
    scatterPair: defaultScatterPair(schema, train),
    target: schema.target && modelled.has(schema.target) ? schema.target : null,
  };
}
