import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { samplesDir } from '../../../test-support/paths.ts';
import type { ColumnRole } from '../schema.ts';
import { schemaOf } from './test-schema.ts';
import { dataQualityReport } from './quality.ts';
import { applyStep } from './apply-step.ts';

/** The UCI sample typed by hand: every column numeric; codes as canonical strings. */
function loadUci(): { table: ColumnTable; roles: Record<string, ColumnRole> } {
  const raw = aq.fromCSV(readFileSync(resolve(samplesDir, 'uci_credit_card_default.csv'), 'utf8'));
  const categorical = /^(SEX|EDUCATION|MARRIAGE|PAY_\d|default_payment_next_month)$/;
  const roles: Record<string, ColumnRole> = {};
  const data: Record<string, unknown[]> = {};
  for (const name of raw.columnNames()) {
    const values = Array.from(raw.array(name) as ArrayLike<number>);
    roles[name] = name === 'ID' ? 'identifier' : categorical.test(name) ? 'categorical' : 'continuous';
    data[name] = roles[name] === 'continuous' ? values : values.map((v) => String(v));
  }
  return { table: aq.table(data, raw.columnNames()), roles };
}

describe('data-quality report on the UCI sample', () => {
  const { table, roles } = loadUci();
  const schema = schemaOf(roles, table.numRows(), 'default_payment_next_month', '1');
  const findings = dataQualityReport(table, schema);
  const byId = new Map(findings.map((f) => [f.id, f]));

  it('flags EDUCATION 0/5/6 and MARRIAGE 0, and nothing in SEX or PAY_*', () => {
    const edu = byId.get('rareCodes:EDUCATION')!;
    expect(edu.severity).toBe('warning');
    expect(edu.count).toBe(14 + 280 + 51);
    expect(edu.suggestedStep).toMatchObject({ kind: 'remapCategories', column: 'EDUCATION', mapping: { '0': '4', '5': '4', '6': '4' } });
    const mar = byId.get('rareCodes:MARRIAGE')!;
    expect(mar.count).toBe(54);
    expect(mar.suggestedStep).toMatchObject({ kind: 'remapCategories', mapping: { '0': '3' } });
    const rareCols = findings.filter((f) => f.kind === 'rareCodes').map((f) => f.column);
    expect(rareCols).toEqual(['EDUCATION', 'MARRIAGE']);
  });

  it('the suggested remap merges them', () => {
    const r = applyStep(table, schema, byId.get('rareCodes:EDUCATION')!.suggestedStep!);
    expect(r.report.cellsChanged).toBe(345);
    const counts = r.table.groupby('EDUCATION').count().objects() as { EDUCATION: string; count: number }[];
    expect(Object.fromEntries(counts.map((c) => [c.EDUCATION, c.count]))).toEqual({ '1': 10585, '2': 14030, '3': 4917, '4': 468 });
    const m = applyStep(table, schema, byId.get('rareCodes:MARRIAGE')!.suggestedStep!);
    expect(m.report.cellsChanged).toBe(54);
    expect((m.table.array('MARRIAGE') as string[]).filter((v) => v === '3').length).toBe(377);
  });

  it('reports the other known facts of the sample', () => {
    // no missing values, ages 21..79, ~2 % negative bills are not "a few", IDs unique
    expect(findings.filter((f) => ['missing', 'impossibleAge', 'negativeValues', 'duplicateRows', 'constant'].includes(f.kind))).toEqual([]);
    expect(byId.get('duplicateRowsIgnoringIds:*')?.count).toBe(35);
    expect(byId.get('outliers:LIMIT_BAL')?.kind).toBe('outliers');
  });
});
