import type { ReportChart, ValidationReport } from '../../../core/quality/report';
import { distributionSpec, dcrSpec, heatmapSpec } from './specs';
import { specToSvg } from './svg';

/** distribution charts in the HTML file at most (one per compared column) */
const MAX_COLUMN_CHARTS = 60;

/** Every chart of the report drawn to SVG for the HTML export: heatmaps, DCR, one distribution per column. */
export async function reportCharts(report: ValidationReport, onProgress?: (done: number, total: number) => void): Promise<ReportChart[]> {
  const m = report.correlations;
  const jobs: { title: string; spec: Parameters<typeof specToSvg>[0] }[] = [];
  if (m.columns.length >= 2) {
    jobs.push({ title: 'Correlation (Pearson), real training split', spec: heatmapSpec(m.real, 'Real', 'correlation') });
    jobs.push({ title: 'Correlation (Pearson), synthetic', spec: heatmapSpec(m.synthetic, 'Synthetic', 'correlation') });
    jobs.push({ title: 'Correlation difference (synthetic − real)', spec: heatmapSpec(m.difference, 'Synthetic − real', 'difference', m.maxAbsDifference) });
  }
  if (report.privacy.dcr.histogram.length > 0) jobs.push({ title: 'Distance to the closest training row: synthetic vs held-out real rows', spec: dcrSpec(report.privacy) });
  for (const d of report.distributions.slice(0, MAX_COLUMN_CHARTS)) jobs.push({ title: `Distribution: ${d.column}`, spec: distributionSpec(d) });
  const out: ReportChart[] = [];
  for (const [i, j] of jobs.entries()) {
    out.push({ title: j.title, svg: await specToSvg(j.spec) });
    onProgress?.(i + 1, jobs.length);
  }
  return out;
}
