import type { StreamsReport } from '../../../worker/streams-report';

/** One figure of the streams panel with the bar it is held to (issue 16's bar; null = shown only). */
export interface StreamFigure {
  id: string;
  label: string;
  value: number | null;
  /** how the value is read against the bar */
  bar: { kind: 'at-least'; min: number } | { kind: 'near-one'; within: number } | { kind: 'at-most'; max: number } | null;
  note: string;
}

export type FigureVerdict = 'met' | 'not-met' | 'n/a';

export function figureVerdict(f: StreamFigure): FigureVerdict {
  if (f.value === null || !Number.isFinite(f.value) || !f.bar) return 'n/a';
  switch (f.bar.kind) {
    case 'at-least':
      return f.value >= f.bar.min ? 'met' : 'not-met';
    case 'at-most':
      return f.value <= f.bar.max ? 'met' : 'not-met';
    case 'near-one':
      return Math.abs(f.value - 1) <= f.bar.within ? 'met' : 'not-met';
  }
}

export function barText(f: StreamFigure): string {
  if (!f.bar) return '–';
  if (f.bar.kind === 'at-least') return `≥ ${f.bar.min}`;
  if (f.bar.kind === 'at-most') return `≤ ${f.bar.max}`;
  return `1 ± ${f.bar.within}`;
}

const num = (x: number) => (Number.isFinite(x) ? x : null);

/** The report's figures in reading order: shape of the streams, fraud, detection, privacy. */
export function streamFigures(r: StreamsReport): StreamFigure[] {
  const f = r.fidelity;
  const out: StreamFigure[] = [
    { id: 'events', label: 'Events per customer (KS complement)', value: num(f.eventsPerCustomerKs), bar: { kind: 'at-least', min: 0.9 }, note: 'how many transactions a customer makes' },
    { id: 'gap', label: 'Gaps between a card’s events (log, KS complement)', value: num(f.logGapKs), bar: { kind: 'at-least', min: 0.9 }, note: 'time from one transaction of a card to its next' },
    { id: 'amount', label: `${r.columns.amount ?? 'Amount'} (KS complement)`, value: num(f.amountKs), bar: { kind: 'at-least', min: 0.9 }, note: 'every transaction' },
    { id: 'customer-mean', label: `Mean ${r.columns.amount ?? 'amount'} per customer (KS complement)`, value: num(f.customerMeanAmountKs), bar: null, note: 'spending level of each customer' },
    { id: 'span', label: 'Active span (KS complement)', value: num(f.activeSpanKs), bar: null, note: 'days from a customer’s first transaction to the last' },
    { id: 'hour', label: 'Hour of day (TV complement)', value: num(f.hourTv), bar: { kind: 'at-least', min: 0.95 }, note: 'when transactions happen' },
    { id: 'weekday', label: 'Weekday (TV complement)', value: num(f.weekdayTv), bar: null, note: '' },
    { id: 'transitions', label: `${r.columns.category ?? 'Category'} transitions (similarity)`, value: num(f.transitionSimilarity), bar: { kind: 'at-least', min: 0.9 }, note: 'which category follows which on a card' },
  ];
  if (r.columns.target) {
    out.push(
      { id: 'fraud-share', label: 'Share of customers with fraud (synthetic / real)', value: num(f.fraudCustomerShareRatio), bar: { kind: 'near-one', within: 0.25 }, note: '1 = the same share' },
      { id: 'fraud-events', label: 'Fraud events per fraudulent customer (KS complement)', value: num(f.fraudEventsPerFraudCustomerKs), bar: { kind: 'at-least', min: 0.8 }, note: 'length of the fraud bursts' },
    );
  }
  out.push({
    id: 'detection',
    label: 'Per-customer detection (1 − (2·AUC − 1), 3 folds)',
    value: 'score' in r.detection ? r.detection.score : null,
    bar: { kind: 'at-least', min: 0.5 },
    note: 'error' in r.detection ? r.detection.error : 'a classifier on per-customer summaries; 1 = it cannot tell synthetic customers from real ones',
  });
  const ev = r.eventDetection;
  out.push({
    id: 'event-detection',
    label: 'Single-event detection (1 − (2·AUC − 1), 3 folds)',
    value: 'score' in ev ? num(ev.score) : null,
    bar: null,
    note:
      'error' in ev
        ? ev.error
        : `a classifier on single transactions (${ev.columns.join(', ')}), ${ev.rowsPerSide.toLocaleString('en-US')} synthetic and ${ev.rowsPerSide.toLocaleString('en-US')} ${ev.against === 'held-out' ? 'held-out' : 'training'} real transactions; what gives them away most: ${ev.giveaways.map((g) => `${g.column} (alone AUC ${g.singleColumnAuc.toFixed(2)})`).join(', ')}`,
  });
  out.push(...fraudModelFigures(r));
  out.push({
    id: 'dcr',
    label: 'Per-customer DCR ratio (synthetic / held-out)',
    value: r.dcr ? num(r.dcr.ratio) : null,
    bar: { kind: 'at-least', min: 1 },
    note: r.dcr ? 'below 1: synthetic customers sit closer to training customers than new real ones do' : 'no customers were held out at training (step 3)',
  });
  out.push({ id: 'copies', label: 'Copied profiles', value: r.copiedProfiles, bar: { kind: 'at-most', max: 0 }, note: `synthetic customers equal to a real one in ${r.profileColumnsCompared.join(', ') || 'no modelled profile column'}` });
  const replayed = r.replayed.reduce((s, x) => s + x.cells, 0);
  out.push({ id: 'replayed', label: 'Real keys, names or streets replayed', value: replayed, bar: { kind: 'at-most', max: 0 }, note: r.replayed.map((x) => x.column).join(', ') });
  return out;
}

/** TSTR, TRTR and their ratio (issue 16's bar: TSTR >= 0.90 × TRTR), or one row saying why the fraud model was skipped. */
export function fraudModelFigures(r: Pick<StreamsReport, 'fraudModel'>): StreamFigure[] {
  const m = r.fraudModel;
  if ('skipped' in m) return [{ id: 'fraud-ratio', label: 'Fraud model TSTR / TRTR', value: null, bar: { kind: 'at-least', min: 0.9 }, note: m.skipped }];
  const on = `${m.testEvents.toLocaleString('en-US')} held-out real transactions (${m.testFraudEvents.toLocaleString('en-US')} fraud)${m.laterPeriodFrom !== null ? ` in the later period from ${new Date(m.laterPeriodFrom).toISOString().slice(0, 10)}` : ''}`;
  return [
    { id: 'fraud-tstr', label: 'Fraud model ROC AUC, trained on synthetic (TSTR)', value: num(m.tstr), bar: null, note: `GBDT with the history features, tested on ${on}` },
    { id: 'fraud-trtr', label: 'Fraud model ROC AUC, trained on real (TRTR)', value: num(m.trtr), bar: null, note: 'the same model trained on the real training customers: the reference' },
    { id: 'fraud-ratio', label: 'Fraud model TSTR / TRTR', value: num(m.ratio), bar: { kind: 'at-least', min: 0.9 }, note: '1 = the synthetic streams teach the fraud model as well as the real ones' },
  ];
}
