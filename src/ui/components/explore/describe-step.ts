import { describeDerivedStep } from '../../../core/data/derive/derived-features.ts';
import type { CleaningStep, StepReport } from '../../../core/data/clean';
import { fmtInt } from './format';

const KIND_LABELS: Record<CleaningStep['kind'], string> = {
  dropMissing: 'Drop rows with missing values',
  impute: 'Impute missing values',
  capOutliers: 'Cap outliers',
  enforceRange: 'Enforce a valid range',
  remapCategories: 'Remap categories',
  mergeRareCategories: 'Merge rare categories',
  normalizeText: 'Normalise text',
  parseDates: 'Parse dates',
  dropDuplicates: 'Drop duplicate rows',
  dropColumns: 'Drop columns',
  renameColumn: 'Rename a column',
  setRole: 'Set a column role',
  deriveFeatures: 'Derive features',
  parseNumbers: 'Read numbers ($, 1,000, %, clock times)',
  joinDateParts: 'Join date parts into a datetime',
  buildKey: 'Build a customer key',
};

export function kindLabel(kind: CleaningStep['kind']): string {
  return KIND_LABELS[kind];
}

function cols(names: string[] | null, all = 'all columns'): string {
  return names === null ? all : names.map((n) => `“${n}”`).join(', ');
}

/** One line saying what the step does, in the user's terms. */
export function describeStep(step: CleaningStep): string {
  switch (step.kind) {
    case 'dropMissing':
      return `Drop rows with a missing value in ${cols(step.columns, 'any column')}`;
    case 'impute': {
      const how = step.method === 'constant' ? `the constant ${JSON.stringify(step.value)}` : `the ${step.method}`;
      return `Fill missing “${step.column}” with ${how}${step.addIndicator ? `, adding indicator “${step.indicatorName ?? `${step.column}_was_missing`}”` : ''}`;
    }
    case 'capOutliers': {
      const sides = step.sides && step.sides !== 'both' ? ` (${step.sides} side only)` : '';
      if (step.method === 'iqr') return `Cap “${step.column}” at the ${step.iqrMultiplier ?? 1.5}·IQR fences${sides}`;
      return `Cap “${step.column}” at the ${pctl(step.lower ?? 0.01)}–${pctl(step.upper ?? 0.99)} percentiles${sides}`;
    }
    case 'enforceRange': {
      const range = `[${step.min ?? '−∞'}, ${step.max ?? '∞'}]`;
      const action = step.action === 'clamp' ? 'clamp values to' : step.action === 'setMissing' ? 'blank values outside' : 'drop rows outside';
      return `“${step.column}”: ${action} ${range}`;
    }
    case 'remapCategories': {
      const pairs = Object.entries(step.mapping).map(([from, to]) => `${from} → ${to === null ? '(missing)' : to}`);
      return `Remap “${step.column}”: ${pairs.join(', ')}`;
    }
    case 'mergeRareCategories':
      return `Merge labels of “${step.column}” under ${(step.minShare * 100).toPrecision(2)} % into “${step.otherLabel}”`;
    case 'normalizeText':
      return `Normalise ${cols(step.columns)}${step.trim ? ': trim spaces' : ''}${step.caseFold !== 'none' ? `, ${step.caseFold}-case` : ''}`;
    case 'parseDates':
      return `Parse “${step.column}” as dates${step.format ? ` (${step.format})` : ''}`;
    case 'dropDuplicates':
      return step.columns === null ? 'Drop rows that repeat an earlier row' : `Drop rows that repeat an earlier row in ${step.columns.length} column(s) (${cols(step.columns.slice(0, 4))}${step.columns.length > 4 ? ', …' : ''})`;
    case 'dropColumns':
      return `Drop ${cols(step.columns)}`;
    case 'renameColumn':
      return `Rename “${step.from}” to “${step.to}”`;
    case 'setRole':
      return `Make “${step.column}” ${step.role}`;
    case 'parseNumbers':
      return `Read “${step.column}” as numbers (currency signs, thousands separators, ${step.percentAsFraction ? '12.5% → 0.125' : '12.5% → 12.5'}, clock times)`;
    case 'joinDateParts':
      return `Join ${[step.year, step.month, step.day, step.time].filter((c) => c !== null).map((c) => `“${c}”`).join(' + ')} into the datetime “${step.output}”${step.dropParts ? ' (parts dropped)' : ''}`;
    case 'buildKey':
      return `Build the customer key “${step.output}” from ${cols(step.columns)} (same values, same customer)`;
    case 'deriveFeatures':
      return `Derive ${step.features
        .map(describeDerivedStep)
        .join('; ')}`;
  }
}

function pctl(p: number): string {
  const v = Number((p * 100).toPrecision(3));
  const mod100 = v % 100;
  const suffix = !Number.isInteger(v) || (mod100 >= 11 && mod100 <= 13) ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[v % 10] ?? 'th';
  return `${v}${suffix}`;
}

/** "rows removed 12 · cells changed 345" (plus columns added/removed). */
export function describeEffect(r: StepReport): string {
  const parts = [`rows removed ${fmtInt(r.rowsRemoved)}`, `cells changed ${fmtInt(r.cellsChanged)}`];
  if (r.columnsAdded.length) parts.push(`added ${r.columnsAdded.join(', ')}`);
  if (r.columnsRemoved.length) parts.push(`removed ${r.columnsRemoved.join(', ')}`);
  return parts.join(' · ');
}
