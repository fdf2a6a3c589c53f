/** The page's handle on the compute worker. One worker per tab, created lazily. */
import * as Comlink from 'comlink';
import type { WorkerApi } from '../worker/api';

let remote: Comlink.Remote<WorkerApi> | null = null;

export function worker(): Comlink.Remote<WorkerApi> {
  if (!remote) {
    const w = new Worker(new URL('../worker/api.ts', import.meta.url), { type: 'module', name: 'synthcredit-compute' });
    remote = Comlink.wrap<WorkerApi>(w);
  }
  return remote;
}

export { Comlink };
