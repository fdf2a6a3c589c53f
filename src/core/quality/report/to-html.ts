import type { ScoreCard, ValidationReport, Verdict, VerdictLevel } from './types';

export interface ReportChart {
  title: string;
  /** SVG markup as vega's view.toSVG() returns it */
  svg: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content and attribute values: every name and value goes through here. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export const VERDICT_WORDS: Record<VerdictLevel, string> = { good: 'Good', warning: 'Caution', risk: 'Problem', unknown: 'Not judged' };

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * A chart's SVG made safe to inline: it must be a bare <svg> element with no script, event
 * handler, foreign content, image or external reference (vega's SVG output has none of these; the
 * checks keep a tampered string out). Returns null when the markup is refused.
 */
export function inlineSvg(svg: string): string | null {
  let s = svg.trim();
  if (!/^<svg[\s>]/i.test(s) || !/<\/svg>$/i.test(s)) return null;
  if (/<script|<foreignObject|<image|<use[\s>]|<iframe|<object|<embed|<link|<style[^>]*>[^<]*@import|javascript:|\son[a-z]+\s*=/i.test(s)) return null;
  if (/url\(\s*['"]?(?!#)/i.test(s)) return null;
  // inline SVG in HTML needs no xlink namespace; SVG 2 reads plain href
  s = s.replace(/\sxmlns:xlink="[^"]*"/g, '').replace(/xlink:href=/g, 'href=');
  if (/\shref\s*=\s*["']?(?!#)/i.test(s)) return null;
  const refs = s.match(/[a-z][a-z0-9+.-]*:\/\/[^\s"'<>)]*/gi) ?? [];
  if (refs.some((r) => r !== SVG_NS)) return null;
  return s;
}

function num(v: number, digits = 3): string {
  if (Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  const a = Math.abs(v);
  if (a >= 1000) return v.toLocaleString('en-US', { maximumFractionDigits: 1 });
  return a >= 1 ? v.toFixed(2) : v.toFixed(digits);
}

function pct(v: number, digits = 1): string {
  return Number.isNaN(v) ? '–' : `${(v * 100).toFixed(digits)} %`;
}

export function cardValue(card: ScoreCard): string {
  if (Number.isNaN(card.value)) return '–';
  if (card.format === 'count') return card.value.toLocaleString('en-US');
  return card.value.toFixed(card.format === 'ratio' ? 2 : 3);
}

function verdictBadge(v: Verdict): string {
  return `<span class="badge ${escapeHtml(v.level)}">${escapeHtml(VERDICT_WORDS[v.level])}</span>`;
}

function table(headers: string[], rows: string[][], cls = ''): string {
  if (rows.length === 0) return '<p class="muted">None.</p>';
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  // cells are escaped by the callers (some hold badges)
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const e = escapeHtml;

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#0f172a;margin:0;background:#f8fafc}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #cbd5e1;padding-bottom:4px}h3{font-size:15px;margin:16px 0 6px}
.muted{color:#475569}.meta{color:#475569;margin:0 0 16px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:12px}
.card{background:#fff;border:1px solid #cbd5e1;border-left-width:5px;border-radius:8px;padding:12px}.card.good{border-left-color:#16a34a}.card.warning{border-left-color:#d97706}.card.risk{border-left-color:#dc2626}.card.unknown{border-left-color:#94a3b8}
.card .label{font-weight:600}.card .value{font-size:26px;font-weight:700;margin:4px 0}.card .detail{color:#475569;font-size:12px}.card .msg{font-size:13px;margin-top:6px}
.badge{display:inline-block;border-radius:999px;padding:1px 8px;font-size:12px;font-weight:600}
.badge.good{background:#dcfce7;color:#166534}.badge.warning{background:#fef3c7;color:#92400e}.badge.risk{background:#fee2e2;color:#991b1b}.badge.unknown{background:#e2e8f0;color:#334155}
table{border-collapse:collapse;background:#fff;margin:8px 0;font-size:13px}th,td{border:1px solid #e2e8f0;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f1f5f9}
td.n{text-align:right;font-variant-numeric:tabular-nums}
figure{background:#fff;border:1px solid #cbd5e1;border-radius:8px;padding:8px;margin:12px 0;overflow-x:auto}figcaption{font-weight:600;margin-bottom:4px}
.charts{display:flex;flex-wrap:wrap;gap:12px}
footer{margin-top:32px;color:#475569;font-size:12px}
`;

function cardsHtml(report: ValidationReport): string {
  return report.cards
    .map(
      (c) => `<div class="card ${e(c.verdict.level)}" data-card="${e(c.id)}">
<div class="label">${e(c.label)}</div>
<div class="value">${e(cardValue(c))}</div>
<div>${verdictBadge(c.verdict)}</div>
<div class="detail">${e(c.detail)}</div>
<div class="msg">${e(c.verdict.message)}</div>
</div>`,
    )
    .join('\n');
}

function chartsHtml(charts: ReportChart[]): string {
  if (charts.length === 0) return '';
  const figures = charts.map((c) => {
    const svg = inlineSvg(c.svg);
    return `<figure><figcaption>${e(c.title)}</figcaption>${svg ?? '<p class="muted">Chart left out: its markup was not a plain SVG drawing.</p>'}</figure>`;
  });
  return `<h2>Charts</h2>\n<div class="charts">\n${figures.join('\n')}\n</div>`;
}

function columnsHtml(report: ValidationReport): string {
  const shape = new Map(report.quality.columns.map((c) => [c.column, c]));
  const rows = report.sideBySide.map((c) => {
    const s = shape.get(c.column);
    const score = s ? e(num(s.score)) : '';
    if (c.kind === 'continuous') {
      const r = c.real;
      const y = c.synthetic;
      return [
        e(c.column),
        'continuous',
        e(s?.metric ?? ''),
        score,
        `${e(num(r.mean))} / ${e(num(y.mean))}`,
        `${e(num(r.std))} / ${e(num(y.std))}`,
        `${e(num(r.min))} … ${e(num(r.max))} / ${e(num(y.min))} … ${e(num(y.max))}`,
        `${e(pct(r.missing / Math.max(1, r.count + r.missing)))} / ${e(pct(y.missing / Math.max(1, y.count + y.missing)))}`,
      ];
    }
    const v = c.coverage;
    return [
      e(c.column),
      'categorical',
      e(s?.metric ?? ''),
      score,
      `${e(v.realCategories)} / ${e(v.syntheticCategories)} categories`,
      `coverage ${e(pct(v.coverage))}`,
      '',
      `${e(pct(v.missingShare.real))} / ${e(pct(v.missingShare.synthetic))}`,
    ];
  });
  return table(['Column', 'Type', 'Metric', 'Shape score', 'Mean (real / synthetic)', 'Std (real / synthetic)', 'Range (real / synthetic)', 'Missing (real / synthetic)'], rows);
}

function strongPairsHtml(report: ValidationReport): string {
  const strong = report.quality.pairs
    .filter((p) => (p.metric === 'CorrelationSimilarity' ? Math.abs(p.realCorrelation ?? NaN) : (p.realCramersV ?? NaN)) >= 0.3)
    .sort((a, b) => a.score - b.score);
  return table(
    ['Column 1', 'Column 2', 'Metric', 'Real association', 'Synthetic r', 'Score'],
    strong.map((p) => [
      e(p.column1),
      e(p.column2),
      e(p.metric),
      e(p.metric === 'CorrelationSimilarity' ? `r = ${num(p.realCorrelation ?? NaN)}` : `V = ${num(p.realCramersV ?? NaN)}`),
      e(p.syntheticCorrelation === undefined ? '' : num(p.syntheticCorrelation)),
      e(num(p.score)),
    ]),
  );
}

function correlationDiffHtml(report: ValidationReport): string {
  const m = report.correlations;
  const k = m.columns.length;
  const list: { a: string; b: string; r: number; s: number; d: number }[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const d = m.difference.values[i * k + j];
      if (!Number.isNaN(d)) list.push({ a: m.columns[i], b: m.columns[j], r: m.real.values[i * k + j], s: m.synthetic.values[i * k + j], d });
    }
  }
  list.sort((x, y) => Math.abs(y.d) - Math.abs(x.d));
  return table(
    ['Column 1', 'Column 2', 'Real r', 'Synthetic r', 'Difference'],
    list.slice(0, 15).map((x) => [e(x.a), e(x.b), e(num(x.r)), e(num(x.s)), e(num(x.d))]),
  );
}

function privacyHtml(report: ValidationReport): string {
  const p = report.privacy;
  const rows = [
    ['DCR ratio (median synthetic / median held-out)', e(num(p.dcr.ratio)), verdictBadge(p.dcr.ratioVerdict), e(p.dcr.ratioVerdict.message)],
    ['Synthetic rows closer than the held-out 5th percentile', e(pct(p.dcr.closeShare)), verdictBadge(p.dcr.closeShareVerdict), e(p.dcr.closeShareVerdict.message)],
    ['Exact copies of training rows', e(num(p.exactCopies.count)), verdictBadge(p.exactCopies.verdict), e(p.exactCopies.verdict.message)],
    ...(p.rareCopies ? [[`Synthetic rows equal to a rare real row (fewer than ${p.rareCopies.k} alike; should be 0)`, e(num(p.rareCopies.count)), verdictBadge(p.rareCopies.verdict), e(p.rareCopies.verdict.message)]] : []),
    ['Membership-inference AUC', e(num(p.membershipInference.auc)), verdictBadge(p.membershipInference.verdict), e(p.membershipInference.verdict.message)],
    ['Identifier / text replay (cells)', e(num(p.replay.totalCells)), verdictBadge(p.replay.verdict), e(p.replay.verdict.message)],
  ].map((r) => [e(r[0]), ...r.slice(1)]);
  const used = p.rowsUsed;
  const leaks = p.replay.leaks.length
    ? table(
        ['Synthetic column', 'Real columns matched', 'Cells'],
        p.replay.leaks.map((l) => [e(l.column), e(l.sourceColumns.join(', ')), e(num(l.cells))]),
      )
    : '';
  return `${table(['Check', 'Value', 'Verdict', 'Meaning'], rows)}
${leaks}
<p class="muted">Rows used: training ${e(num(used.train.used))} of ${e(num(used.train.total))}, held-out ${e(num(used.holdout.used))} of ${e(num(used.holdout.total))}, synthetic ${e(num(used.synthetic.used))} of ${e(num(used.synthetic.total))}. Distance: ${e(p.distance)}.</p>`;
}

function utilityHtml(report: ValidationReport): string {
  const u = report.utility;
  if (u.skipped) return `<p class="muted">${e(u.skipped)}</p>`;
  return `${table(
    ['Model', 'TRTR AUC (train real)', 'TSTR AUC (train synthetic)', 'Gap', 'Verdict', 'Note'],
    u.models.map((m) => [e(m.label), e(num(m.trtr)), e(num(m.tstr)), e(num(m.gap)), verdictBadge(m.verdict), e(m.problem ?? m.verdict.message)]),
  )}
<p class="muted">Target ${e(u.target)} (positive label ${e(u.positiveLabel)}); both models scored on the real held-out test rows (${e(num(u.testRows))} rows, ${e(num(u.testPositives))} positive).</p>`;
}

/**
 * The validation report as ONE self-contained HTML file: inline CSS, charts as inline SVG, no
 * script and no external reference (a restrictive CSP meta tag makes sure the file loads
 * nothing even if opened from a server). Every column name and value is escaped.
 */
export function reportToHtml(report: ValidationReport, charts: ReportChart[] = []): string {
  const coverage = table(
    ['Column', 'Coverage', 'Real categories never generated', 'Invented categories'],
    report.coverageIssues.map((c) => [e(c.column), e(pct(c.coverage)), e(c.missingFromSynthetic.join(', ')), e(c.syntheticOnly.join(', '))]),
  );
  const outOfRange = table(
    ['Column', 'Real range', 'Below', 'Above', 'Share of synthetic values'],
    report.outOfRangeIssues.map((o) => [e(o.column), e(`${num(o.realMin)} … ${num(o.realMax)}`), e(num(o.below)), e(num(o.above)), e(pct(o.share, 2))]),
  );
  const treatment = table(
    ['Column', 'Role', 'Compared as'],
    report.columns.map((c) => [e(c.name), e(c.role), e(c.treatedAs)]),
  );
  const missing = report.missingFromSynthetic.length
    ? `<p>Columns of the real data missing from the synthetic table (left out): ${e(report.missingFromSynthetic.join(', '))}</p>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SynthCredit validation report</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>SynthCredit validation report</h1>
<p class="meta">Synthetic data: ${e(report.source)}${report.generatedAt ? ` · generated ${e(report.generatedAt)}` : ''} · rows: training ${e(num(report.rows.train))}, held-out ${e(num(report.rows.test))}, synthetic ${e(num(report.rows.synthetic))} · seed ${e(report.seed)}</p>
<h2>Scores</h2>
<div class="cards">
${cardsHtml(report)}
</div>
${chartsHtml(charts)}
<h2>Columns side by side</h2>
${missing}
${columnsHtml(report)}
<h3>Category coverage</h3>
${coverage}
<h3>Values outside the real range</h3>
${outOfRange}
<h2>Relationships</h2>
<h3>Strong pairs (real |r| or Cramér's V ≥ 0.3), worst first</h3>
${strongPairsHtml(report)}
<h3>Largest correlation differences (Pearson, numeric columns)</h3>
${correlationDiffHtml(report)}
<h2>Privacy</h2>
${privacyHtml(report)}
<h2>Utility: train on synthetic, test on real</h2>
${utilityHtml(report)}
<h2>Method</h2>
<p>Quality scores follow SDMetrics' single-table Quality Report: Column Shapes (KS complement for numeric and date columns, TV complement for categorical ones), Column Pair Trends (correlation similarity for two numeric columns, contingency similarity otherwise), overall = mean of the two. Real = the training split the generator learned from; privacy and utility also use the held-out test split. Thresholds are rules of thumb, not statistical tests.</p>
${treatment}
<footer>Made by SynthCredit in the browser; nothing was uploaded. This file contains no scripts and loads nothing.</footer>
</main>
</body>
</html>
`;
}
