import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { describe, expect, it } from 'vitest';
import type { ColumnRole, DatasetSchema } from '../../data/schema';
import { createRng } from '../../util/random';
import { buildValidationReport, ReportCancelledError } from './build-report';
import { inlineSvg, reportToHtml } from './to-html';

function schemaOf(cols: [string, ColumnRole][], target: string | null): DatasetSchema {
  return {
    columns: cols.map(([name, role]) => ({ name, role, inferredRole: role, reason: '', numeric: role !== 'categorical', integer: false, missing: 0, distinct: 0 })),
    target,
    positiveLabel: target ? '1' : null,
    rowCount: 0,
  };
}

/** x ~ N(0, 1); y = 2x + small noise; c = "hi" when x > 0; default = 1 with probability rising in x. */
function makeReal(n: number, seed: number, idPrefix: string): ColumnTable {
  const rng = createRng(seed);
  const x: number[] = [];
  const y: number[] = [];
  const c: string[] = [];
  const d: string[] = [];
  const id: string[] = [];
  const name: string[] = [];
  for (let i = 0; i < n; i++) {
    const v = rng.normal();
    x.push(v);
    y.push(2 * v + 0.3 * rng.normal());
    c.push(v > 0 ? 'hi' : 'lo');
    d.push(rng.next() < 1 / (1 + Math.exp(-2 * v)) ? '1' : '0');
    id.push(`${idPrefix}-${i}`);
    name.push(`Person ${idPrefix}${i}`);
  }
  return aq.table({ id, name, x, y, c, default: d });
}

const schema = schemaOf(
  [
    ['id', 'identifier'],
    ['name', 'text'],
    ['x', 'continuous'],
    ['y', 'continuous'],
    ['c', 'categorical'],
    ['default', 'categorical'],
  ],
  'default',
);
const train = makeReal(300, 1, 'T');
const test = makeReal(150, 2, 'H');

/** every modelled column resampled on its own: same marginals, no relationships */
function independentResample(t: ColumnTable, n: number, seed: number): ColumnTable {
  const rng = createRng(seed);
  const cols: Record<string, unknown[]> = {};
  for (const name of ['x', 'y', 'c', 'default']) {
    const src = t.array(name) as unknown[];
    cols[name] = Array.from({ length: n }, () => src[rng.int(src.length)]);
  }
  return aq.table(cols);
}

const copy = await buildValidationReport({ train, test, synthetic: train, schema, seed: 3 });
const resampled = await buildValidationReport({ train, test, synthetic: independentResample(train, 300, 9), schema, seed: 3 });

describe('buildValidationReport on a hand-made case', () => {

  it('treats continuous/datetime as continuous, categorical as discrete, and skips identifier/text', () => {
    expect(copy.columns.map((c) => [c.name, c.treatedAs])).toEqual([
      ['id', 'skipped'],
      ['name', 'skipped'],
      ['x', 'continuous'],
      ['y', 'continuous'],
      ['c', 'discrete'],
      ['default', 'discrete'],
    ]);
    expect(copy.quality.columns.map((c) => c.column)).toEqual(['x', 'y', 'c', 'default']);
    // chart data: numeric codes in numeric order, shares equal for a copy
    const d = copy.distributions.find((x) => x.column === 'default');
    if (d?.kind !== 'discrete') throw new Error('kind');
    expect(d.categories.map((c) => c.category)).toEqual(['0', '1']);
    expect(d.categories.every((c) => c.real === c.synthetic)).toBe(true);
  });

  it('a copy of the training rows scores perfect quality but is flagged: every row an exact copy, DCR ratio 0', () => {
    expect(copy.quality.overall).toBe(1);
    expect(copy.privacy.exactCopies.count).toBe(300);
    expect(copy.privacy.exactCopies.verdict.level).toBe('risk');
    // continuous columns make every training row unique, so all 300 copies are copies of rare rows
    expect(copy.privacy.rareCopies?.count).toBe(300);
    expect(copy.privacy.rareCopies?.verdict.level).toBe('risk');
    expect(copy.privacy.dcr.syntheticMedian).toBe(0);
    expect(copy.privacy.dcr.ratio).toBe(0);
    expect(copy.privacy.dcr.ratioVerdict.level).toBe('risk');
    const card = copy.cards.find((c) => c.id === 'exactCopies')!;
    expect([card.value, card.verdict.level]).toEqual([300, 'risk']);
  });

  it('the copy has identical correlation matrices: real r(x, y) as computed by hand, difference 0', () => {
    const x = train.array('x') as number[];
    const y = train.array('y') as number[];
    const mx = x.reduce((a, b) => a + b) / x.length;
    const my = y.reduce((a, b) => a + b) / y.length;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) ** 2;
      syy += (y[i] - my) ** 2;
    }
    expect(copy.correlations.columns).toEqual(['x', 'y']);
    expect(copy.correlations.real.values[1]).toBeCloseTo(sxy / Math.sqrt(sxx * syy), 12);
    expect(copy.correlations.real.values[0]).toBe(1);
    expect(copy.correlations.difference.values).toEqual([0, 0, 0, 0]);
    expect(copy.correlations.maxAbsDifference).toBe(0);
  });

  it('independent resampling keeps the column shapes but loses the pair trends a copy keeps', () => {
    expect(resampled.quality.columnShapes).toBeGreaterThan(0.85);
    expect(resampled.quality.columnPairTrends).toBeLessThan(copy.quality.columnPairTrends - 0.2);
    // x-y (r about 0.99) and x-c are strong pairs; their trends collapse when resampled
    expect(copy.quality.strongPairs.nPairs).toBeGreaterThanOrEqual(2);
    expect(resampled.quality.strongPairs.columnPairTrends).toBeLessThan(0.75);
    expect(Math.abs(resampled.correlations.synthetic.values[1])).toBeLessThan(0.25);
    expect(resampled.correlations.maxAbsDifference).toBeGreaterThan(0.7);
    // resampling rows of train still copies some rows exactly? not for rows of 4 continuous-ish columns
    expect(resampled.privacy.exactCopies.count).toBe(0);
  });

  it('TSTR equals TRTR for a copy and drops towards 0.5 when the target is unrelated to the inputs', () => {
    for (const m of copy.utility.models) {
      expect(m.trtr).toBeGreaterThan(0.7);
      expect(m.tstr).toBeCloseTo(m.trtr, 12);
      expect(m.verdict.level).toBe('good');
    }
    for (const m of resampled.utility.models) {
      expect(m.tstr).toBeLessThan(m.trtr - 0.1);
      expect(m.verdict.level).toBe('risk');
    }
    expect(copy.utility.testRows).toBe(150);
  });

  it('reports no replay when identifiers are not generated, and counts real IDs and names that do appear', async () => {
    // the full copy carries the id and name columns along: every cell of both is a replay
    expect(copy.privacy.replay.checkedColumns).toEqual(['id', 'name']);
    expect(copy.privacy.replay.leaks).toEqual([
      { column: 'id', sourceColumns: ['id'], cells: 300 },
      { column: 'name', sourceColumns: ['name'], cells: 300 },
    ]);
    expect(resampled.privacy.replay.totalCells).toBe(0);
    expect(resampled.privacy.replay.verdict.level).toBe('good');
    const ids = train.array('id') as string[];
    const leaky = independentResample(train, 50, 4).assign({
      id: Array.from({ length: 50 }, (_, i) => (i < 3 ? ids[i] : `new-${i}`)),
      // a category that is also a real name is only a leak where it is not an ordinary label
      c: Array.from({ length: 50 }, (_, i) => (i === 0 ? 'Person H7' : 'hi')),
    });
    const r = await buildValidationReport({ train, test, synthetic: leaky, schema, seed: 1, utility: { models: [] } });
    // in synthetic column order: c existed before id was assigned
    expect(r.privacy.replay.leaks).toEqual([
      { column: 'c', sourceColumns: ['name'], cells: 1 },
      { column: 'id', sourceColumns: ['id'], cells: 3 },
    ]);
    expect(r.privacy.replay.verdict.level).toBe('risk');
  });

  it('adds the detection section: a copy is indistinguishable, broken relationships give the x–y pair away', async () => {
    const card = (r: typeof copy) => r.cards.find((c) => c.id === 'detection')!;
    expect(card(copy).label).toBe('Detection (1 = indistinguishable)');
    expect(copy.detection!.error).toBeNull();
    expect(copy.detection!.rowsPerSide).toBe(300);
    // the same rows on both sides: the classifier cannot beat chance by much
    expect(copy.detection!.score).toBeGreaterThan(0.8);
    expect(card(copy).value).toBe(copy.detection!.score);
    // y = 2x + noise, resampled independently: trivially caught, and x, y are what give it away
    expect(resampled.detection!.score).toBeLessThan(0.4);
    expect(resampled.detection!.meanAuc).toBeGreaterThan(0.8);
    expect(['x', 'y']).toContain(resampled.detection!.columns[0].column);
    const top = resampled.detection!.pairs[0];
    expect([top.column1, top.column2].sort()).toEqual(['x', 'y']);
    // the marginals match, so no single column separates the sides well
    expect(resampled.detection!.columns.every((c) => c.singleColumnAuc < 0.65)).toBe(true);
    const without = await buildValidationReport({ train, test, synthetic: train, schema, seed: 3, detection: false, utility: { models: [] } });
    expect(without.detection).toBeUndefined();
    expect(without.cards.some((c) => c.id === 'detection')).toBe(false);
  });

  it('stops between stages when asked, with a ReportCancelledError', async () => {
    const stages: string[] = [];
    const build = buildValidationReport({
      train,
      test,
      synthetic: train,
      schema,
      seed: 1,
      onProgress: (p) => stages.push(p.stage),
      shouldStop: () => stages.includes('privacy'),
    });
    await expect(build).rejects.toBeInstanceOf(ReportCancelledError);
    expect(stages.at(-1)).toBe('privacy');
    expect(stages).not.toContain('utility');
  });

  it('lists columns the synthetic table lacks instead of failing', async () => {
    const r = await buildValidationReport({ train, test, synthetic: train.select('x', 'c', 'default'), schema, seed: 1, utility: { models: ['logistic-regression'] } });
    expect(r.missingFromSynthetic).toEqual(['y']);
    expect(r.quality.columns.map((c) => c.column)).toEqual(['x', 'c', 'default']);
    expect(r.utility.features).toEqual(['x', 'c']);
  });
});

describe('reportToHtml', async () => {
  const evil = '<script>alert(1)</script>';
  const s = schemaOf(
    [
      [evil, 'continuous'],
      ['b"&\'', 'categorical'],
    ],
    null,
  );
  const t = aq.table({ [evil]: [1, 2, 3, 4, 5, 6], ['b"&\'']: ['<b>x</b>', 'y', 'y', '<b>x</b>', 'y', 'y'] });
  const synth = aq.table({ [evil]: [1, 2, 3, 40, 5, 6], ['b"&\'']: ['<b>x</b>', 'y', 'y', 'y', 'y', '<i>z</i>'] });
  const report = await buildValidationReport({ train: t, test: t, synthetic: synth, schema: s, seed: 0, source: `GAN ${evil}` });
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><rect width="10" height="10" clip-path="url(#c1)"/><text>&lt;script&gt;</text></svg>';
  const html = reportToHtml(report, [{ title: evil, svg }]);

  it('escapes every column name, category and text (no markup is injected)', () => {
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>x</b>');
    expect(html).not.toContain('<i>z</i>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('b&quot;&amp;&#39;');
    expect(html).toContain('&lt;i&gt;z&lt;/i&gt;');
  });

  it('is one self-contained file: no http reference except the SVG namespace, no script, no external resource', () => {
    const refs = html.match(/[a-z][a-z0-9+.-]*:\/\/[^\s"'<>)]*/gi) ?? [];
    expect(refs).toEqual(['http://www.w3.org/2000/svg']);
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/\s(src|href)\s*=/i);
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" width="10"');
    expect(html.startsWith('<!doctype html>')).toBe(true);
  });

  it('shows the scores with their verdict words', () => {
    const overall = report.cards.find((c) => c.id === 'overall')!;
    expect(html).toContain(`<div class="value">${overall.value.toFixed(3)}</div>`);
    expect(report.outOfRangeIssues.map((o) => [o.column, o.above])).toEqual([[evil, 1]]);
    expect(report.coverageIssues[0].syntheticOnly).toEqual(['<i>z</i>']);
    expect(report.utility.skipped).toMatch(/No target/);
  });

  it('refuses chart markup that could run or load something', () => {
    expect(inlineSvg('<svg><script>alert(1)</script></svg>')).toBeNull();
    expect(inlineSvg('<svg><rect onclick="x()"/></svg>')).toBeNull();
    expect(inlineSvg('<svg><image href="https://example.com/a.png"/></svg>')).toBeNull();
    expect(inlineSvg('<svg><rect style="fill:url(https://example.com/a)"/></svg>')).toBeNull();
    expect(inlineSvg('<svg><a href="http://example.com"><text>x</text></a></svg>')).toBeNull();
    expect(inlineSvg('<div>not svg</div>')).toBeNull();
    const bad = reportToHtml(report, [{ title: 't', svg: '<svg><script>alert(1)</script></svg>' }]);
    expect(bad).toContain('Chart left out');
    expect(bad).not.toContain('<script');
  });
});
