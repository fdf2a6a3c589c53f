/**
 * `npm run bench -- --only=seq`: customers and their transaction streams (issue 16). The bundled
 * card histories sample by default; `--seq-data=PATH` for another file (the full 105-card
 * `card_histories_sparkov.csv`). Split 80/20 by card, median of 3 seeds (1 with --quick).
 * `--seq-later=0.25` adds the split by time too: training customers' events before the later
 * period (the latest 25 % of the events), held-out customers' events in it; the fraud model's
 * TSTR and TRTR on that later period (`seq.sparkov.tstr_fraud_auc_later`, `..._trtr_...`).
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { resolve } from 'node:path';
import { loadCsv } from '../src/core/data/load';
import { inferSchema, applySchema } from '../src/core/data/infer';
import { takeRows } from '../src/core/data/eda/columns';
import { proposeStreams, constancyWithinKey, rowKeys } from '../src/core/data/entities';
import { fitSequential, linkedTables, linkedTablesCsv, groupStreams } from '../src/core/engines/sequential';
import { shapeOf } from '../src/core/generate/placeholders';
import { modelledProfileColumns } from '../src/core/engines/sequential/profile-table';
import { replayCheck } from '../src/core/generate/placeholders';
import {
  streamView,
  streamFidelity,
  customerSummaries,
  customerDetection,
  customerDcrRatio,
  splitByCustomer,
  laterPeriodStart,
  streamsFraudModel,
  eventDetection,
  copiedProfiles,
  streamColumnsFor,
} from '../src/core/quality/streams';
import { emit } from './record';
import { median } from '../src/core/util/median';

export async function seqBenches(root: string, quick: boolean): Promise<void> {
  const flag = process.argv.find((a) => a.startsWith('--seq-data='))?.slice('--seq-data='.length);
  const file = flag ? resolve(flag) : resolve(root, 'public/samples/card_histories_sample.csv');
  const dataset = flag ? 'file' : 'sample';
  const loaded = await loadCsv(() => Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>, { fileName: 'card_histories.csv' });
  const schema = inferSchema(loaded.table);
  const typed = applySchema(loaded.table, schema);
  const proposal = proposeStreams(typed, schema);
  if (!proposal) throw new Error('seq bench: no key and time found');
  const spec = proposal.spec;
  const cols = streamColumnsFor(schema, spec);
  const hist = { key: spec.key, time: spec.time, amount: cols.amount, merchantLat: cols.merchantLat, merchantLong: cols.merchantLong, category: cols.category, target: cols.target!, positive: cols.positive! };
  const seeds = quick ? [0] : [0, 1, 2];
  const laterFlag = process.argv.find((a) => a.startsWith('--seq-later='))?.slice('--seq-later='.length);
  const laterShare = laterFlag ? Number(laterFlag) : null;
  const laterFrom = laterShare === null ? null : laterPeriodStart(typed, spec.time, laterShare);
  const runs: Record<string, number>[] = [];
  for (const seed of seeds) {
    const split = splitByCustomer(typed, spec.key, spec.time, 0.2, seed);
    const train = takeRows(typed, split.train);
    const test = takeRows(typed, split.test);
    const t0 = performance.now();
    const fitted = await fitSequential(train, schema, spec, { seed });
    const trainSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const synth = await fitted.sample(split.trainCustomers, seed);
    const generateSeconds = (performance.now() - t1) / 1000;
    // placeholders avoid every real value of the file, held-out customers included
    const linked = linkedTables(synth, typed, schema, spec, seed);
    const out = linked.joined;
    const realView = streamView(train, cols);
    const synthView = streamView(out, cols);
    const f = streamFidelity(realView, synthView);
    const categories = cols.category ? [...new Set(Array.from(train.array(cols.category) as ArrayLike<string | null>))].filter((c): c is string => c !== null).sort() : [];
    const realSum = customerSummaries(realView, categories);
    const synthSum = customerSummaries(synthView, categories);
    const testSum = customerSummaries(streamView(test, cols), categories);
    const detection = customerDetection(realSum, synthSum, 3, seed);
    const dcr = customerDcrRatio(realSum, testSum, synthSum);
    // single events, as the Validate panel: synthetic against held-out real events (capped rows a side)
    const events = await eventDetection(test, out, schema, spec, { seed });
    const { tstr, trtr } = fraudModelOrThrow(await streamsFraudModel(train, test, out, hist, categories, seed));
    // replay: keys and the identifier / text profile columns against the whole real file
    const personal = spec.profile.filter((p) => ['identifier', 'text'].includes(schema.columns.find((c) => c.name === p)!.role));
    const replayed = replayCheck(typed, out, [...spec.key, ...personal]);
    const modelled = modelledProfileColumns(schema, spec.profile).map((c) => c.name);
    const firstRows = Int32Array.from(groupStreams(typed, spec.key, spec.time).rows, (r) => r[0]);
    const realCustomers = takeRows(typed, firstRows);
    const copies = copiedProfiles(realCustomers, synth.customers, modelled);
    const keys = rowKeys(out, spec.key);
    const varying = spec.profile.map((p) => constancyWithinKey(out, keys, p).varyingKeys);
    const formatMismatches = outputFormatMismatches(linkedTablesCsv(linked, schema).joined, loaded.table, modelled.concat(spec.event, [spec.time]).filter((c) => ['continuous', 'datetime', 'categorical'].includes(schema.columns.find((x) => x.name === c)!.role)));
    const run = {
      eventsPerCustomerKs: f.eventsPerCustomerKs,
      gapKs: f.logGapKs,
      amountKs: f.amountKs,
      hourTv: f.hourTv,
      transitionSimilarity: f.transitionSimilarity,
      fraudCustomerShareRatio: f.fraudCustomerShareRatio,
      fraudEventsKs: f.fraudEventsPerFraudCustomerKs,
      customerDetection: detection.score,
      eventDetection: events.score,
      eventDetectionRowsPerSide: events.rowsPerSide,
      tstr,
      trtr,
      dcr: dcr.ratio,
      trainSeconds,
      generateSeconds,
      replayed,
      copies,
      profileConstancy: 1 - Math.max(...varying, 0) / Math.max(1, synth.customers.numRows()),
      activeSpanKs: f.activeSpanKs,
      weekdayTv: f.weekdayTv,
      formatMismatches,
    };
    if (laterFrom !== null) {
      // the same customers' split, by time too: nothing of the later period is trained on
      const ls = splitByCustomer(typed, spec.key, spec.time, 0.2, seed, laterFrom, true);
      const lTrain = takeRows(typed, ls.train);
      const lTest = takeRows(typed, ls.test);
      const lFitted = await fitSequential(lTrain, schema, spec, { seed });
      const lOut = linkedTables(await lFitted.sample(ls.trainCustomers, seed), typed, schema, spec, seed).joined;
      const later = fraudModelOrThrow(await streamsFraudModel(lTrain, lTest, lOut, hist, categories, seed));
      Object.assign(run, { tstrLater: later.tstr, trtrLater: later.trtr, laterTestRows: ls.test.length });
    }
    process.stderr.write(`seq seed ${seed}: ${JSON.stringify(run)}\n`);
    runs.push(run);
  }
  const m = (k: string) => median(runs.map((r) => r[k]));
  const common = { where: 'node' as const, dataset, file: flag ? file : 'public/samples/card_histories_sample.csv', runs: runs.length, customers: proposal.customers, split: '80/20 by card' };
  const records: [string, string, string][] = [
    ['seq.sparkov.events_per_customer_ks', 'eventsPerCustomerKs', 'score'],
    ['seq.sparkov.gap_ks', 'gapKs', 'score'],
    ['seq.sparkov.amount_ks', 'amountKs', 'score'],
    ['seq.sparkov.hour_tv', 'hourTv', 'score'],
    ['seq.sparkov.transition_similarity', 'transitionSimilarity', 'score'],
    ['seq.sparkov.fraud_customer_share_ratio', 'fraudCustomerShareRatio', 'ratio'],
    ['seq.sparkov.fraud_events_per_customer_ks', 'fraudEventsKs', 'score'],
    ['seq.sparkov.customer_detection', 'customerDetection', 'score'],
    ['seq.sparkov.event_detection', 'eventDetection', 'score'],
    ['seq.sparkov.tstr_fraud_auc', 'tstr', 'auc'],
    ['seq.sparkov.trtr_fraud_auc', 'trtr', 'auc'],
    ['seq.sparkov.customer_dcr_ratio', 'dcr', 'ratio'],
    ['seq.sparkov.train_seconds', 'trainSeconds', 's'],
    ['seq.sparkov.generate_seconds', 'generateSeconds', 's'],
    ['seq.sparkov.replayed_values', 'replayed', 'cells'],
    ['seq.sparkov.copied_profiles', 'copies', 'customers'],
    ['seq.sparkov.profile_constancy', 'profileConstancy', 'share'],
    ['seq.sparkov.active_span_ks', 'activeSpanKs', 'score'],
    ['seq.sparkov.weekday_tv', 'weekdayTv', 'score'],
    ['seq.sparkov.format_mismatches', 'formatMismatches', 'cells'],
  ];
  if (laterFrom !== null) records.push(['seq.sparkov.tstr_fraud_auc_later', 'tstrLater', 'auc'], ['seq.sparkov.trtr_fraud_auc_later', 'trtrLater', 'auc']);
  const later = laterFrom === null ? {} : { split: '80/20 by card and by time: training before, held-out customers in the later period', later_period_from: new Date(laterFrom).toISOString(), later_share: laterShare };
  for (const [name, key, unit] of records) emit({ name, value: m(key), unit, ...common, ...(key.endsWith('Later') ? later : {}), per_seed: runs.map((r) => r[key]) });
}

/** the shape of a cell with its leading digits collapsed: `27.50` and `112.78` are both `9.99` */
const cellShape = (text: string) => shapeOf(text).replace(/9+/, '9');

/**
 * Cells of the written joined CSV (modelled columns) whose shape no real cell of that column has:
 * 0 when amounts keep their cents and dates the input's pattern.
 */
/** The worker's fraud model on streams (the same function the Validate panel runs); a skip is an error here. */
function fraudModelOrThrow(m: Awaited<ReturnType<typeof streamsFraudModel>>): { tstr: number; trtr: number } {
  if ('skipped' in m) throw new Error(`seq bench: ${m.skipped}`);
  return m;
}

function outputFormatMismatches(csv: string, raw: import('arquero').ColumnTable, columns: string[]): number {
  const lines = csv.split('\r\n').filter((l) => l !== '');
  const header = lines[0].split(',');
  let bad = 0;
  for (const c of new Set(columns)) {
    const real = new Set(Array.from(raw.array(c) as ArrayLike<string | null>, (v) => cellShape(String(v ?? ''))));
    const j = header.indexOf(c);
    for (let i = 1; i < lines.length; i++) {
      // quoted fields (merchant, job) hold commas: only unquoted lines are read
      if (lines[i].includes('"')) continue;
      if (!real.has(cellShape(lines[i].split(',')[j]))) bad++;
    }
  }
  return bad;
}
