import { columnByName, type DatasetSchema } from '../../data/schema.ts';
import type { StreamSpec } from '../../engines/sequential/stream-spec.ts';
import type { StreamColumns } from './stream-view.ts';

/**
 * Which event columns the stream metrics read: the amount (a continuous event column named like
 * an amount, else the first continuous one), the category (the categorical event column, target
 * aside, with the fewest labels above two: `category` rather than `merchant`), the target, and a
 * merchant position (event columns named like merchant latitude / longitude) for history features.
 */
export function streamColumnsFor(schema: DatasetSchema, spec: StreamSpec): StreamColumns & { merchantLat: string | null; merchantLong: string | null } {
  const cols = spec.event.map((n) => columnByName(schema, n)).filter((c) => !!c);
  const continuous = cols.filter((c) => c!.role === 'continuous');
  const amount = continuous.find((c) => /amt|amount|value|sum|spend/i.test(c!.name)) ?? continuous[0];
  const category = cols
    .filter((c) => c!.role === 'categorical' && c!.name !== schema.target && c!.distinct > 2)
    .sort((a, b) => a!.distinct - b!.distinct)[0];
  const target = schema.target && spec.event.includes(schema.target) ? schema.target : null;
  const find = (re: RegExp) => continuous.find((c) => /merch/i.test(c!.name) && re.test(c!.name))?.name ?? null;
  return {
    key: spec.key,
    time: spec.time,
    amount: amount?.name ?? null,
    category: category?.name ?? null,
    target,
    positive: target ? schema.positiveLabel : null,
    merchantLat: find(/lat/i),
    merchantLong: find(/lon|lng/i),
  };
}
