import type { ColumnTable } from 'arquero';
import { isModelledRole, type DatasetSchema } from '../../data/schema.ts';
import type { StreamSpec } from '../../engines/sequential/stream-spec.ts';
import { detectionScoreAsync, type DetectionReport } from '../detection/index.ts';
import type { Cell, ColumnData, QualityColumn } from '../types.ts';

/** Rows a side for detection on single events: enough for a stable AUC, quick in the worker. */
export const EVENT_DETECTION_ROWS_PER_SIDE = 2000;

const HOUR = '(hour of day)';
const WEEKDAY = '(weekday)';

/**
 * The columns a single event is judged on: the modelled event columns, and the hour and weekday of
 * its time (the raw time is left out: with a split by time the held-out events all lie in a later
 * period, which would give the synthetic ones away without saying anything about their quality).
 */
export function eventDetectionColumns(schema: DatasetSchema, spec: StreamSpec): QualityColumn[] {
  const roleOf = new Map(schema.columns.map((c) => [c.name, c.role]));
  const cols: QualityColumn[] = spec.event
    .filter((n) => n !== spec.time && isModelledRole(roleOf.get(n) ?? 'text'))
    .map((name) => ({ name, kind: roleOf.get(name) === 'categorical' ? 'discrete' : 'continuous' }));
  return [...cols, { name: HOUR, kind: 'discrete' }, { name: WEEKDAY, kind: 'discrete' }];
}

function eventData(table: ColumnTable, spec: StreamSpec, columns: QualityColumn[]): ColumnData {
  const out: ColumnData = {};
  for (const c of columns) if (c.name !== HOUR && c.name !== WEEKDAY) out[c.name] = table.array(c.name) as ArrayLike<Cell>;
  const t = table.array(spec.time) as ArrayLike<number | null>;
  const n = table.numRows();
  const hour: Cell[] = new Array(n);
  const weekday: Cell[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const ti = t[i];
    hour[i] = ti === null || !Number.isFinite(ti) ? null : String(Math.floor((((ti % 864e5) + 864e5) % 864e5) / 36e5));
    weekday[i] = ti === null || !Number.isFinite(ti) ? null : String((((Math.floor(ti / 864e5) + 4) % 7) + 7) % 7);
  }
  out[HOUR] = hour;
  out[WEEKDAY] = weekday;
  return out;
}

/**
 * Detection on single events (issue 16, point 4): the project's detection metric (SDMetrics
 * formula, GBDT, 3 folds) on synthetic events against real events, at most `maxRowsPerSide` a side
 * (seeded draw). Cancellable through the hooks, as the row report's detection.
 */
export async function eventDetection(
  real: ColumnTable,
  synthetic: ColumnTable,
  schema: DatasetSchema,
  spec: StreamSpec,
  options: { maxRowsPerSide?: number; seed?: number } = {},
  hooks: Parameters<typeof detectionScoreAsync>[4] = {},
): Promise<DetectionReport> {
  const columns = eventDetectionColumns(schema, spec);
  return detectionScoreAsync(
    eventData(real, spec, columns),
    eventData(synthetic, spec, columns),
    columns,
    { maxRowsPerSide: options.maxRowsPerSide ?? EVENT_DETECTION_ROWS_PER_SIDE, seed: options.seed ?? 0, pairColumns: 0 },
    hooks,
  );
}
