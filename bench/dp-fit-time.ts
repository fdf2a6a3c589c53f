/** Times one dp-mst fit on the UCI training split at epsilon 1 (--without-new-steps: no within-bin copula, uniform within bins); for alternated A/B timing runs. */
import { Readable } from 'node:stream';
import { createReadStream } from 'node:fs';
import { uciSplit } from './uci-split';
import { dpMstEngine } from '../src/core/engines';

const data = await uciSplit(() => Readable.toWeb(createReadStream('public/samples/uci_credit_card_default.csv')) as ReadableStream<Uint8Array>);
const t0 = performance.now();
await dpMstEngine.fit(data.train, data.schema, { epsilon: 1, delta: 1e-6, seed: 0, ...(process.argv.includes('--without-new-steps') ? { copulaShare: 0, histogramKnots: false } : {}) });
console.log(`fit ${((performance.now() - t0) / 1000).toFixed(2)} s`);
