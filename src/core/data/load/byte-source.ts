/**
 * Reading `open()`'s bytes: peeking at the first bytes (gzip magic) without losing them,
 * and counting what was read for progress.
 */

/** Progress is reported at most once per this many bytes (plus once at the end). */
const PROGRESS_STEP = 1024 * 1024;

export interface CountedSource {
  /** the bytes as read, first chunks included */
  stream: ReadableStream<Uint8Array>;
  /** the first bytes (at least `peekBytes` unless the source is shorter) */
  head: Uint8Array;
  /** bytes read from the source so far */
  bytesRead(): number;
  /** report the final count (the source may not have been read to the end) */
  reportDone(): void;
}

export async function openCounted(
  source: ReadableStream<Uint8Array>,
  peekBytes: number,
  onProgress?: (bytesRead: number, totalBytes?: number) => void,
  totalBytes?: number,
): Promise<CountedSource> {
  const reader = source.getReader();
  let read = 0;
  let reported = 0;
  const report = (force: boolean): void => {
    if (onProgress && (force || read - reported >= PROGRESS_STEP)) {
      reported = read;
      onProgress(read, totalBytes);
    }
  };

  const first: Uint8Array[] = [];
  let firstSize = 0;
  let ended = false;
  while (firstSize < peekBytes) {
    const { done, value } = await reader.read();
    if (done) {
      ended = true;
      break;
    }
    if (value.byteLength === 0) continue;
    first.push(value);
    firstSize += value.byteLength;
    read += value.byteLength;
  }
  report(false);
  const head = concatBytes(first);

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (head.byteLength > 0) controller.enqueue(head);
      if (ended) controller.close();
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      read += value.byteLength;
      report(false);
      controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { stream, head, bytesRead: () => read, reportDone: () => report(true) };
}

export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  let size = 0;
  for (const c of chunks) size += c.byteLength;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
