/** One benchmark result: printed as one JSON object per line. */
export interface BenchRecord {
  name: string;
  value: number;
  unit: string;
  where: 'node' | 'chromium';
  [extra: string]: unknown;
}

export function emit(record: BenchRecord): void {
  process.stdout.write(`${JSON.stringify(record)}\n`);
}
