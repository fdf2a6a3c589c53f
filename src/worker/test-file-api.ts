/**
 * A separate test file (every name starts with `testFile`): a second CSV with the loaded
 * dataset's columns, read by the same loader, typed with the same schema and cleaned with the same
 * recipe, used as the held-out test set while every loaded row trains (the protocol of published
 * benchmarks that ship a train and a test file). Validate and Risk score against it once the split
 * mode is switched to it (testFileUse). Spread into the worker API in api.ts.
 */
import { loadCsv, CsvLoadError } from '../core/data/load';
import type { PreparedData, SplitSummary, TestFileInfo } from './prepared-data';

export type TestFileOutcome = { ok: true; info: TestFileInfo; split: SplitSummary } | { ok: false; error: string };

function message(e: unknown): string {
  return e instanceof CsvLoadError || e instanceof Error ? e.message : String(e);
}

/** Read a test file from a stream and make it the test set; pure enough for Node tests (no Blob needed). */
export async function loadTestFile(
  prepared: PreparedData,
  open: () => ReadableStream<Uint8Array>,
  name: string,
  options: { totalBytes?: number; onProgress?: (read: number, total?: number) => void; signal?: AbortSignal } = {},
): Promise<TestFileOutcome> {
  try {
    prepared.source();
  } catch {
    return { ok: false, error: 'Load the training data first (step 1); the test file must have the same columns.' };
  }
  try {
    const result = await loadCsv(open, { fileName: name, totalBytes: options.totalBytes, onProgress: options.onProgress, signal: options.signal });
    const info = prepared.setTestFile(result.table, name);
    const split = prepared.useTestFile();
    return { ok: true, info, split };
  } catch (e) {
    return { ok: false, error: `The test file was not used: ${message(e)}` };
  }
}

export function createTestFileApi(prepared: PreparedData, changed: () => void) {
  return {
    /** Read a second CSV as the test set: every loaded row trains, the file's rows test. */
    async testFileLoad(file: Blob, name: string, onProgress?: (read: number, total?: number) => unknown): Promise<TestFileOutcome> {
      const out = await loadTestFile(prepared, () => file.stream(), name, {
        totalBytes: file.size,
        onProgress: onProgress ? (r, t) => void Promise.resolve(onProgress(r, t)).catch(() => undefined) : undefined,
      });
      if (out.ok) changed();
      return out;
    },

    testFileInfo(): TestFileInfo | null {
      try {
        return prepared.testFileInfo();
      } catch {
        return null;
      }
    },

    /** Switch back to the loaded test file as the test set (after a random split was made). */
    testFileUse(): SplitSummary {
      const split = prepared.useTestFile();
      changed();
      return split;
    },
  };
}
