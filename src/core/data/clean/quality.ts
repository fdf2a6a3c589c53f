/**
 * Data-quality report: what looks wrong in a typed table, each finding with a ready-made
 * cleaning step that fixes it (the user may edit or ignore it).
 */
import { derivedStepOutputs, derivedStepSources, suggestDerivedFeatures } from '../derive/derived-features.ts';
import type { ColumnTable } from 'arquero';
import type { ColumnSchema, DatasetSchema } from '../schema.ts';
import { isMissing, labelColumn, numericColumn, readColumn } from '../eda/columns.ts';
import { iqrBounds, quantileSorted, sortedFinite } from '../eda/quantile.ts';
import { countLabels } from '../eda/summarize.ts';
import { isNumericRole } from './convert.ts';
import { analyseRareCodes } from './rare-codes.ts';
import { looksLikeBirthDate } from '../infer/names.ts';
import { convertColumn } from '../infer/apply-schema.ts';
import { parseNumber } from '../infer/number.ts';
import { parseClockTime } from '../infer/clock-time.ts';
import { isMissingCell } from '../infer/missing.ts';
import { countDuplicateRows } from './duplicates.ts';
import type { CleaningStep } from './steps.ts';

export type QualityKind =
  | 'missing'
  | 'constant'
  | 'duplicateRows'
  | 'duplicateRowsIgnoringIds'
  | 'rareCodes'
  | 'rareCategories'
  | 'negativeValues'
  | 'impossibleAge'
  | 'outliers'
  | 'mixedTypes'
  | 'derivableFeatures'
  | 'futureBirthDates'
  | 'numbersAsLabels';

export type Severity = 'info' | 'warning' | 'error';

export interface QualityFinding {
  /** `${kind}:${column}` (or `${kind}:*` for table-wide findings): stable across runs */
  id: string;
  column?: string;
  kind: QualityKind;
  severity: Severity;
  message: string;
  /** rows or cells concerned */
  count: number;
  suggestedStep?: CleaningStep;
}

export interface ColumnQuality {
  name: string;
  role: ColumnSchema['role'];
  missing: number;
  missingShare: number;
  distinct: number;
}

export interface QualityOptions {
  /** the untyped (all-text) table the typed one came from; enables the mixed-type check on text */
  raw?: ColumnTable;
  /** share below which a code is rare (default 0.02) */
  rareShare?: number;
  /** largest share of negatives that still counts as "a few" in an otherwise ≥ 0 column (default 0.01) */
  maxNegativeShare?: number;
  /** youngest plausible age of a credit customer (default 16) */
  minAge?: number;
  maxAge?: number;
  /** "today" in epoch ms for the birth-date check (default: now) */
  now?: number;
}

/** Text that means "missing" in raw files (compared trimmed, case-insensitive). */
const MISSING_TEXT = new Set(['', '?', 'na', 'n/a', 'nan', 'null', 'none', '-', '--']);

const AGE_NAME = /(^|[^a-z])age([^a-z]|$)|^age/i;

function pct(n: number, total: number): string {
  if (total === 0) return '0 %';
  const p = (100 * n) / total;
  return `${p < 0.1 && p > 0 ? p.toPrecision(1) : p.toFixed(1)} %`;
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}

export function columnQualitySummary(table: ColumnTable, schema: DatasetSchema): ColumnQuality[] {
  const n = table.numRows();
  const have = new Set(table.columnNames());
  return schema.columns
    .filter((c) => have.has(c.name))
    .map((c) => {
      const vals = readColumn(table, c.name);
      const seen = new Set<unknown>();
      let missing = 0;
      for (let i = 0; i < vals.length; i++) {
        if (isMissing(vals[i])) missing++;
        else seen.add(vals[i]);
      }
      return { name: c.name, role: c.role, missing, missingShare: n > 0 ? missing / n : 0, distinct: seen.size };
    });
}

function missingFinding(col: ColumnSchema, missing: number, n: number): QualityFinding {
  const base = { id: `fix-missing-${col.name}`, enabled: true, note: `proposed for missing values in "${col.name}"` };
  let step: CleaningStep;
  if (isNumericRole(col.role)) step = { ...base, kind: 'impute', column: col.name, method: 'median', addIndicator: true };
  else if (col.role === 'categorical') step = { ...base, kind: 'impute', column: col.name, method: 'mode', addIndicator: true };
  else step = { ...base, kind: 'impute', column: col.name, method: 'constant', value: '(missing)', addIndicator: false };
  return {
    id: `missing:${col.name}`,
    column: col.name,
    kind: 'missing',
    severity: missing / n > 0.2 ? 'warning' : 'info',
    message: `${missing} missing value(s) in "${col.name}" (${pct(missing, n)}).`,
    count: missing,
    suggestedStep: step,
  };
}

function numericFindings(table: ColumnTable, col: ColumnSchema, opts: QualityOptions, out: QualityFinding[]): void {
  const values = numericColumn(table, col.name);
  const sorted = sortedFinite(values);
  const n = sorted.length;
  if (n === 0) return;

  // text left in a numeric column (should not happen after typing, but a hand-built table may)
  const raw = readColumn(table, col.name);
  const stray: string[] = [];
  let strayCount = 0;
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    if (!isMissing(v) && typeof v !== 'number') {
      strayCount++;
      if (stray.length < 3 && !stray.includes(String(v))) stray.push(String(v));
    }
  }
  if (strayCount > 0) {
    out.push({
      id: `mixedTypes:${col.name}`,
      column: col.name,
      kind: 'mixedTypes',
      severity: 'error',
      message: `${strayCount} value(s) in ${col.role} column "${col.name}" are not numbers (e.g. ${stray.map((s) => JSON.stringify(s)).join(', ')}); converting makes numeric text a number and the rest missing.`,
      count: strayCount,
      suggestedStep: { id: `fix-mixedTypes-${col.name}`, kind: 'setRole', enabled: true, column: col.name, role: col.role },
    });
  }

  if (col.role === 'datetime' && looksLikeBirthDate(col.name)) {
    const now = opts.now ?? Date.now();
    let future = 0;
    for (let i = n - 1; i >= 0 && sorted[i] > now; i--) future++;
    if (future > 0) {
      const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
      out.push({
        id: `futureBirthDates:${col.name}`,
        column: col.name,
        kind: 'futureBirthDates',
        severity: 'error',
        message:
          `${future} birth date(s) in "${col.name}" (${pct(future, n)}) lie in the future (latest ${day(sorted[n - 1])}): ` +
          `two-digit years were probably read in the wrong century. Set the two-digit-year pivot of "${col.name}" on the Load step, or blank them.`,
        count: future,
        suggestedStep: { id: `fix-futureBirthDates-${col.name}`, kind: 'enforceRange', enabled: true, column: col.name, min: null, max: now, action: 'setMissing' },
      });
    }
  }

  if (col.role !== 'continuous') return;

  if (AGE_NAME.test(col.name)) {
    const minAge = opts.minAge ?? 16;
    const maxAge = opts.maxAge ?? 120;
    let impossible = 0;
    let young = 0;
    for (let i = 0; i < n; i++) {
      if (sorted[i] < 0 || sorted[i] > maxAge) impossible++;
      else if (sorted[i] < minAge) young++;
    }
    if (impossible + young > 0) {
      out.push({
        id: `impossibleAge:${col.name}`,
        column: col.name,
        kind: 'impossibleAge',
        severity: impossible > 0 ? 'error' : 'warning',
        message:
          `"${col.name}" looks like an age: ${impossible} value(s) below 0 or above ${maxAge}, ` +
          `${young} below ${minAge} (too young for credit).`,
        count: impossible + young,
        suggestedStep: {
          id: `fix-impossibleAge-${col.name}`,
          kind: 'enforceRange',
          enabled: true,
          column: col.name,
          min: minAge,
          max: maxAge,
          action: 'setMissing',
        },
      });
    }
  }

  let negatives = 0;
  for (let i = 0; i < n && sorted[i] < 0; i++) negatives++;
  const maxNeg = opts.maxNegativeShare ?? 0.01;
  if (negatives > 0 && negatives / n <= maxNeg) {
    out.push({
      id: `negativeValues:${col.name}`,
      column: col.name,
      kind: 'negativeValues',
      severity: 'warning',
      message: `"${col.name}" is otherwise ≥ 0 but has ${negatives} negative value(s) (${pct(negatives, n)}, min ${fmt(sorted[0])}).`,
      count: negatives,
      suggestedStep: { id: `fix-negativeValues-${col.name}`, kind: 'enforceRange', enabled: true, column: col.name, min: 0, max: null, action: 'setMissing' },
    });
  }

  const b = iqrBounds(sorted);
  if (b.iqr > 0) {
    let outliers = 0;
    for (let i = 0; i < n; i++) if (sorted[i] < b.lower || sorted[i] > b.upper) outliers++;
    if (outliers > 0) {
      const p01 = quantileSorted(sorted, 0.01);
      const p99 = quantileSorted(sorted, 0.99);
      out.push({
        id: `outliers:${col.name}`,
        column: col.name,
        kind: 'outliers',
        severity: 'info',
        message:
          `${outliers} value(s) of "${col.name}" (${pct(outliers, n)}) lie outside the 1.5·IQR fences ` +
          `[${fmt(b.lower)}, ${fmt(b.upper)}]; 1st–99th percentile ${fmt(p01)}–${fmt(p99)}, range ${fmt(sorted[0])}–${fmt(sorted[n - 1])}.`,
        count: outliers,
        suggestedStep: {
          id: `fix-outliers-${col.name}`,
          kind: 'capOutliers',
          enabled: true,
          column: col.name,
          method: 'percentile',
          lower: 0.01,
          upper: 0.99,
          note: 'bounds are computed from the data each time the step is applied',
        },
      });
    }
  }
}

/**
 * A label column whose values are nearly all numbers or clock times (`$134.09`, `12.5%`, `13:45`)
 * with a few stray texts: a quantity inference could not take as one; a step reads it as numbers.
 */
function numbersAsLabels(col: ColumnSchema, counts: Map<string, number>, out: QualityFinding[]): boolean {
  if (counts.size <= 20) return false;
  let rows = 0;
  let numeric = 0;
  const stray: string[] = [];
  for (const [label, n] of counts) {
    rows += n;
    if (parseNumber(label) !== null || parseClockTime(label) !== null) numeric += n;
    else if (stray.length < 3) stray.push(label);
  }
  if (numeric < rows * 0.9 || numeric === rows) return false;
  out.push({
    id: `numbersAsLabels:${col.name}`,
    column: col.name,
    kind: 'numbersAsLabels',
    severity: 'warning',
    message:
      `"${col.name}" holds ${counts.size} labels, ${pct(numeric, rows)} of its values numbers or clock times (with stray text such as ` +
      `${stray.map((t) => JSON.stringify(t)).join(', ')}): read it as numbers; the ${rows - numeric} stray value(s) become missing.`,
    count: rows - numeric,
    suggestedStep: { id: `fix-numbersAsLabels-${col.name}`, kind: 'parseNumbers', enabled: true, column: col.name },
  });
  return true;
}

function categoricalFindings(table: ColumnTable, col: ColumnSchema, opts: QualityOptions, out: QualityFinding[]): void {
  const { counts } = countLabels(labelColumn(table, col.name));
  if (numbersAsLabels(col, counts, out)) return;
  const analysis = analyseRareCodes(counts, { rareShare: opts.rareShare });
  if (analysis) {
    if (analysis.flagged.length === 0) return;
    const sentinels = new Set(analysis.sentinels);
    const toMerge = analysis.flagged.filter((f) => !sentinels.has(f.code));
    const kept = analysis.flagged.filter((f) => sentinels.has(f.code));
    const keptNote = kept.length
      ? `${kept.map((f) => `${f.code} (${f.count} rows)`).join(', ')} look${kept.length === 1 ? 's' : ''} like special codes ("not known", "refused"): kept as their own values, not merged into a real code.`
      : '';
    if (toMerge.length === 0) {
      out.push({
        id: `rareCodes:${col.name}`,
        column: col.name,
        kind: 'rareCodes',
        severity: 'info',
        message: `"${col.name}": ${keptNote}`,
        count: kept.reduce((s, f) => s + f.count, 0),
      });
      return;
    }
    const rows = toMerge.reduce((s, f) => s + f.count, 0);
    const mapping: Record<string, string> = {};
    for (const f of toMerge) mapping[f.code] = analysis.suggestedTarget;
    out.push({
      id: `rareCodes:${col.name}`,
      column: col.name,
      kind: 'rareCodes',
      severity: 'warning',
      message:
        `"${col.name}" has rare codes outside its usual set {${analysis.frequent.join(', ')}${analysis.acceptedTail.length ? `; tail ${analysis.acceptedTail.join(', ')}` : ''}}: ` +
        toMerge.map((f) => `${f.code} (${f.count} rows: ${f.reason})`).join('; ') +
        `. Suggested: merge them into "${analysis.suggestedTarget}".` +
        (keptNote ? ` ${keptNote}` : ''),
      count: rows,
      suggestedStep: { id: `fix-rareCodes-${col.name}`, kind: 'remapCategories', enabled: true, column: col.name, mapping },
    });
    return;
  }
  if (col.role !== 'categorical' || counts.size > 100) return;
  const known = [...counts.values()].reduce((s, c) => s + c, 0);
  const minShare = 0.01;
  const rare = [...counts].filter(([, c]) => c / known < minShare);
  if (rare.length >= 2) {
    const rows = rare.reduce((s, [, c]) => s + c, 0);
    out.push({
      id: `rareCategories:${col.name}`,
      column: col.name,
      kind: 'rareCategories',
      severity: 'info',
      message: `${rare.length} categories of "${col.name}" each cover under 1 % of rows (${rows} rows in all).`,
      count: rows,
      suggestedStep: { id: `fix-rareCategories-${col.name}`, kind: 'mergeRareCategories', enabled: true, column: col.name, minShare, otherLabel: 'other' },
    });
  }
}

function rawMixedTypes(raw: ColumnTable, col: ColumnSchema, out: QualityFinding[]): void {
  if (!raw.columnNames().includes(col.name)) return;
  const vals = readColumn(raw, col.name);
  // read exactly as typing reads them ($134.09, 12.5%, 13:45 and dates are values, not stray text)
  const typed = convertColumn(vals, col);
  let bad = 0;
  let numbers = 0;
  const examples: string[] = [];
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i];
    if (v === null || v === undefined) continue;
    if (typeof v === 'number' || typed[i] !== null) {
      numbers++;
      continue;
    }
    const s = String(v).trim();
    if (MISSING_TEXT.has(s.toLowerCase()) || isMissingCell(s)) continue;
    bad++;
    if (examples.length < 3 && !examples.includes(s)) examples.push(s);
  }
  if (bad === 0) return;
  out.push({
    id: `mixedTypes:file:${col.name}`,
    column: col.name,
    kind: 'mixedTypes',
    severity: 'warning',
    message: `${bad} value(s) of ${col.role} column "${col.name}" are not numbers in the file (e.g. ${examples.map((e) => JSON.stringify(e)).join(', ')}; ${numbers} are); they are missing in the typed table.`,
    count: bad,
    suggestedStep: { id: `fix-mixedTypesInFile-${col.name}`, kind: 'impute', enabled: true, column: col.name, method: 'median', addIndicator: true },
  });
}

/** Findings in a stable order: table-wide first, then per column in schema order. */
export function dataQualityReport(table: ColumnTable, schema: DatasetSchema, opts: QualityOptions = {}): QualityFinding[] {
  const findings: QualityFinding[] = [];
  const n = table.numRows();
  const have = new Set(table.columnNames());
  const cols = schema.columns.filter((c) => have.has(c.name));

  const all = table.columnNames();
  const dups = countDuplicateRows(table, all);
  if (dups > 0) {
    findings.push({
      id: 'duplicateRows:*',
      kind: 'duplicateRows',
      severity: 'warning',
      message: `${dups} row(s) repeat an earlier row in every column.`,
      count: dups,
      suggestedStep: { id: 'fix-duplicateRows', kind: 'dropDuplicates', enabled: true, columns: null },
    });
  }
  const ids = cols.filter((c) => c.role === 'identifier').map((c) => c.name);
  if (ids.length > 0) {
    const rest = all.filter((c) => !ids.includes(c));
    const dupsNoId = rest.length > 0 ? countDuplicateRows(table, rest) - dups : 0;
    if (dupsNoId > 0) {
      findings.push({
        id: 'duplicateRowsIgnoringIds:*',
        kind: 'duplicateRowsIgnoringIds',
        severity: 'info',
        message: `${dupsNoId} more row(s) repeat an earlier row in every column except the identifier(s) ${ids.join(', ')} (may be genuine look-alike customers).`,
        count: dupsNoId,
        suggestedStep: { id: 'fix-duplicateRowsIgnoringIds', kind: 'dropDuplicates', enabled: true, columns: rest },
      });
    }
  }

  const summary = columnQualitySummary(table, schema);
  for (const col of cols) {
    const q = summary.find((s) => s.name === col.name)!;
    if (q.missing > 0) findings.push(missingFinding(col, q.missing, n));
    if (q.distinct <= 1 && n > 1) {
      findings.push({
        id: `constant:${col.name}`,
        column: col.name,
        kind: 'constant',
        severity: 'warning',
        message: q.distinct === 0 ? `"${col.name}" is empty.` : `"${col.name}" holds a single value; it carries no information.`,
        count: n,
        suggestedStep: { id: `fix-constant-${col.name}`, kind: 'dropColumns', enabled: true, columns: [col.name] },
      });
      continue;
    }
    if (isNumericRole(col.role)) {
      numericFindings(table, col, opts, findings);
      if (opts.raw) rawMixedTypes(opts.raw, col, findings);
    } else if (col.role === 'categorical') categoricalFindings(table, col, opts, findings);
  }
  // a timestamp's hour and weekday, and how far the customer is from the merchant, are what fraud
  // models learn from; raw timestamps mostly teach them the sample's time window
  const derivable = suggestDerivedFeatures(schema, table).filter((f) => derivedStepSources(f).every((c) => have.has(c)));
  if (derivable.length > 0) {
    const names = derivable.flatMap(derivedStepOutputs);
    findings.push({
      id: 'derivableFeatures:*',
      kind: 'derivableFeatures',
      severity: 'info',
      message: `Features can be derived for risk and fraud models: ${names.map((c) => `"${c}"`).join(', ')}.`,
      count: names.length,
      suggestedStep: { id: 'derive-features', kind: 'deriveFeatures', enabled: true, features: derivable },
    });
  }
  return findings;
}
