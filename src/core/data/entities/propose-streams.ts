import type { ColumnTable } from 'arquero';
import type { DatasetSchema } from '../schema.ts';
import { isENotation } from '../infer/number.ts';
import { looksLikeCardNumber, looksLikeId, looksPersonal, nameTokens } from '../infer/names.ts';
import type { StreamSpec } from '../../engines/sequential/stream-spec.ts';
import type { BuildKeyStep, JoinDatePartsStep } from '../clean/steps.ts';
import { applyJoinDateParts } from '../clean/parse-steps.ts';
import { proposeDateParts } from './date-parts.ts';
import { constancyWithinKey, rowKeys, type Constancy } from './constancy.ts';

/**
 * Customers-and-transactions mode at load: a key (a card or customer column whose values repeat:
 * several rows per key), a time (the datetime column that varies within keys), profile columns
 * (measured constant within each key) and event columns (the rest). Findings say what breaks it:
 * a key written in E-notation by a spreadsheet (card numbers such as `2.29E+15` whose lost
 * digits merge different cards), with an offer to rebuild the key from profile columns; and
 * profile-like columns that still vary within some keys.
 */
export type StreamFinding =
  | {
      kind: 'key-destroyed';
      column: string;
      eNotationShare: number;
      rebuildFrom: string[];
      message: string;
      /** the recipe step that rebuilds a key from `rebuildFrom` (null when no column qualifies); entity detection then proposes its output */
      suggestedStep: BuildKeyStep | null;
    }
  | { kind: 'profile-varies'; columns: { column: string; varyingKeys: number; keys: number }[]; message: string };

export interface StreamProposal {
  spec: StreamSpec;
  constancy: Constancy[];
  findings: StreamFinding[];
  /**
   * When the file has no datetime column but date parts (Year, Month, Day, Time): the recipe step
   * that builds the proposed time (`spec.time` is its output); add it to the recipe, then propose again.
   */
  timeStep?: JoinDatePartsStep;
  /** customers under the proposed key, and mean events per customer */
  customers: number;
  eventsPerCustomer: number;
}

/** a column counts as profile when at most this share of keys see it vary */
const PROFILE_MAX_VARYING_SHARE = 0.0;
/** ... and as "a profile column that varies" (a finding) up to this share */
const NEAR_PROFILE_SHARE = 0.2;
/** a key column with more than this share of E-notation values was destroyed by a spreadsheet */
const DESTROYED_SHARE = 0.5;
/** a key must have at least this many rows on average */
const MIN_EVENTS_PER_KEY = 1.5;

function eNotationShare(values: ArrayLike<unknown>): number {
  let e = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    n++;
    if (typeof v === 'string' && /^\d(\.\d+)?e\+?\d+$/i.test(v.trim()) && isENotation(v)) e++;
  }
  return n ? e / n : 0;
}

/** `User`, `customer_id`, `client`, `member`, `cardholder`. */
function looksLikeCustomer(name: string): boolean {
  return nameTokens(name).some((t) => CUSTOMER_WORDS.includes(t));
}
const CUSTOMER_WORDS = ['user', 'userid', 'customer', 'customerid', 'cust', 'client', 'clientid', 'member', 'holder', 'cardholder', 'person'];

/**
 * A card numbered within its customer (card 0, 1, 2 of each user, as some exports write it): the
 * key is the pair customer + card when the pairs outnumber both the customers and the cards and
 * still repeat (several events per pair). Null when no such pair exists.
 */
function nestedCardKey(table: ColumnTable, candidates: readonly string[]): string[] | null {
  const n = table.numRows();
  for (const card of candidates.filter((c) => looksLikeCardNumber(c))) {
    for (const user of candidates.filter((c) => c !== card && looksLikeCustomer(c) && !looksLikeCardNumber(c))) {
      const pairs = new Set(rowKeys(table, [user, card]).filter((k) => k !== null)).size;
      const users = distinctCount(table.array(user) as ArrayLike<unknown>);
      const cards = distinctCount(table.array(card) as ArrayLike<unknown>);
      if (pairs > users && pairs > cards && n / pairs >= MIN_EVENTS_PER_KEY) return [user, card];
    }
  }
  return null;
}

function distinctCount(values: ArrayLike<unknown>): number {
  const s = new Set<unknown>();
  for (let i = 0; i < values.length; i++) if (values[i] !== null) s.add(values[i]);
  return s.size;
}

/** The proposal for a typed table, or null when no key and time are found. */
export function proposeStreams(table: ColumnTable, schema: DatasetSchema, key?: string[]): StreamProposal | null {
  const n = table.numRows();
  if (n < 2) return null;
  const findings: StreamFinding[] = [];
  let chosenKey = key;
  if (!chosenKey) {
    const candidates = schema.columns
      .filter((c) => c.role === 'identifier' || ((c.role === 'categorical' || (c.role === 'continuous' && c.integer)) && (looksLikeCardNumber(c.name) || looksLikeId(c.name) || looksLikeCustomer(c.name))))
      .map((c) => ({ c, distinct: distinctCount(table.array(c.name) as ArrayLike<unknown>) }))
      .filter(({ distinct }) => distinct >= 2 && n / distinct >= MIN_EVENTS_PER_KEY)
      .map((x) => ({ ...x, destroyed: eNotationShare(table.array(x.c.name) as ArrayLike<unknown>) > DESTROYED_SHARE }))
      // a key a spreadsheet destroyed comes last: a key rebuilt beside it (buildKey step) is proposed instead
      .sort((a, b) => Number(a.destroyed) - Number(b.destroyed) || Number(looksLikeCardNumber(b.c.name)) - Number(looksLikeCardNumber(a.c.name)) || Number(looksLikeId(b.c.name)) - Number(looksLikeId(a.c.name)));
    if (candidates.length === 0) return null;
    chosenKey = nestedCardKey(table, candidates.map((x) => x.c.name)) ?? [candidates[0].c.name];
  }
  const datetimes = schema.columns.filter((c) => c.role === 'datetime' && !chosenKey!.includes(c.name));
  if (datetimes.length === 0) {
    // no datetime, but maybe date parts: propose the time their joinDateParts step would build
    const step = proposeDateParts(table, schema);
    if (!step || chosenKey.some((k) => [step.year, step.month, step.day, step.time].includes(k))) return null;
    const joined = applyJoinDateParts(table, schema, step, (message) => {
      throw new Error(message);
    });
    const p = proposeStreams(joined.table, joined.schema, chosenKey);
    return p && p.spec.time === step.output ? { ...p, timeStep: step } : null;
  }
  const keys = rowKeys(table, chosenKey);
  // the time is the datetime that varies within keys the most (a birth date does not)
  const time = datetimes
    .map((c) => ({ c, k: constancyWithinKey(table, keys, c.name) }))
    .sort((a, b) => b.k.varyingKeys - a.k.varyingKeys || b.c.distinct - a.c.distinct)[0].c.name;
  const rest = schema.columns.map((c) => c.name).filter((c) => !chosenKey!.includes(c) && c !== time);
  const constancy = rest.map((c) => constancyWithinKey(table, keys, c));
  const nKeys = constancy[0]?.keys ?? new Set(keys.filter((k) => k !== null)).size;
  const profile = constancy.filter((k) => k.keys > 0 && k.varyingKeys <= PROFILE_MAX_VARYING_SHARE * k.keys).map((k) => k.column);
  const event = rest.filter((c) => !profile.includes(c));
  // the target varies within keys by nature (fraud is a property of some events), so it is no finding
  const near = constancy.filter((k) => k.column !== schema.target && k.varyingKeys > 0 && k.varyingKeys <= NEAR_PROFILE_SHARE * k.keys);
  for (const k of chosenKey) {
    const share = eNotationShare(table.array(k) as ArrayLike<unknown>);
    if (share > DESTROYED_SHARE) {
      const personal = schema.columns.filter((c) => c.name !== k && c.name !== time && (c.role === 'text' || looksPersonal(c.name))).map((c) => c.name);
      const births = schema.columns.filter((c) => c.role === 'datetime' && c.name !== time).map((c) => c.name);
      const rebuildFrom = [...personal, ...births];
      const taken = new Set(table.columnNames());
      let output = 'customer_key';
      for (let k = 2; taken.has(output); k++) output = `customer_key_${k}`;
      findings.push({
        kind: 'key-destroyed',
        column: k,
        eNotationShare: share,
        rebuildFrom,
        message: `${Math.round(share * 100)} % of ${k} are written in E-notation (such as 2.29E+15): a spreadsheet dropped their last digits, so different cards share one value.${rebuildFrom.length ? ` Rebuild the key from ${rebuildFrom.join(', ')}?` : ''}`,
        suggestedStep: rebuildFrom.length ? { id: `rebuild-key-${k}`, kind: 'buildKey', enabled: true, columns: rebuildFrom, output, note: `${k} was destroyed by a spreadsheet (E-notation)` } : null,
      });
    }
  }
  if (near.length > 0) {
    findings.push({
      kind: 'profile-varies',
      columns: near.map((k) => ({ column: k.column, varyingKeys: k.varyingKeys, keys: k.keys })),
      message: `Columns that should hold one value per customer vary within some keys: ${near.map((k) => `${k.column} (${k.varyingKeys} of ${k.keys} keys)`).join(', ')}. Treated as event columns.`,
    });
  }
  return { spec: { key: chosenKey, time, profile, event }, constancy, findings, customers: nKeys, eventsPerCustomer: nKeys ? n / nKeys : 0 };
}
