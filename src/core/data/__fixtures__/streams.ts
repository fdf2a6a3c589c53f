/** Test helpers (Node only): fixture paths and byte streams cut into chunks of a chosen size. */
import { readFileSync, createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

export const fixturesDir = fileURLToPath(new URL('.', import.meta.url));

export function fixturePath(name: string): string {
  return resolve(fixturesDir, name);
}

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(name)));
}

/** A factory of streams over `bytes`, in chunks of `chunkSize` (small sizes cut tokens and characters apart). */
export function openBytes(bytes: Uint8Array, chunkSize = 65536): () => ReadableStream<Uint8Array> {
  return () => {
    let at = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.byteLength) {
          controller.close();
          return;
        }
        controller.enqueue(bytes.slice(at, at + chunkSize));
        at += chunkSize;
      },
    });
  };
}

export function openText(text: string, chunkSize?: number): () => ReadableStream<Uint8Array> {
  return openBytes(new TextEncoder().encode(text), chunkSize);
}

/** How the app opens a file in Node: a web stream over a file read stream. */
export function openFile(path: string): () => ReadableStream<Uint8Array> {
  return () => Readable.toWeb(createReadStream(path)) as unknown as ReadableStream<Uint8Array>;
}
