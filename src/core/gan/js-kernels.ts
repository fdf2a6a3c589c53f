import * as tf from '@tensorflow/tfjs';
import { simdKernelsFor, type SimdKernels } from './simd-kernels';

/**
 * Kernels written in plain JavaScript over the backend's own Float32Arrays, registered for the
 * backends whose tensors live in CPU memory: 'wasm' (views on the WASM heap, no copy) and 'cpu'.
 *
 * Why: an element-wise chain (Adam's update is ~15 kernels per variable) reads and writes every
 * element once per kernel and pays a launch each time; one JS loop reads each input once and
 * writes each output once. Other backends (WebGL, WebGPU) have no such kernel and callers fall
 * back to tfjs ops: `hasJsKernel` says which applies.
 */

interface WasmLike {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
  /** the Emscripten module: its memory is asm.memory (single-threaded build) or wasmMemory (threaded) */
  wasm?: { asm?: { memory?: unknown }; wasmMemory?: unknown };
}
interface CpuLike {
  makeTensorInfo(shape: number[], dtype: 'float32', values?: Float32Array): tf.TensorInfo;
  data: { get(dataId: tf.DataId): { values: Float32Array } };
}

/** Allocates `count` float32 outputs of `shape`, then hands views on inputs and outputs to `body`. */
type Body = (inputs: Float32Array[], outputs: Float32Array[]) => void;
/** The same work in WebAssembly SIMD on the wasm backend's heap: byte offsets of inputs and outputs. */
type SimdBody = (kernels: SimdKernels, inputs: number[], outputs: number[], inViews: Float32Array[], outViews: Float32Array[]) => void;

/** The SIMD kernels bound to the wasm backend's heap, or null (no SIMD, or a heap not found). */
function simdFor(backend: WasmLike, view: Float32Array): SimdKernels | null {
  const memory = backend.wasm?.asm?.memory ?? backend.wasm?.wasmMemory;
  if (!(memory instanceof WebAssembly.Memory) || memory.buffer !== view.buffer) return null;
  return simdKernelsFor(memory);
}

function runOnWasm(backend: WasmLike, inputs: tf.TensorInfo[], shapes: number[][], body: Body, simd?: SimdBody): tf.TensorInfo[] {
  // allocate first: an allocation may grow the heap, which detaches earlier views
  const outs = shapes.map((s) => backend.makeOutput(s, 'float32'));
  const inViews = inputs.map((t) => backend.typedArrayFromHeap(t));
  const outViews = outs.map((t) => backend.typedArrayFromHeap(t));
  const kernels = simd && useSimd && outViews.length ? simdFor(backend, outViews[0]) : null;
  if (kernels && simd) {
    simd(
      kernels,
      inViews.map((v) => v.byteOffset),
      outViews.map((v) => v.byteOffset),
      inViews,
      outViews,
    );
  } else {
    body(inViews, outViews);
  }
  return outs;
}

/** Whether the active backend runs the SIMD versions (wasm backend with WebAssembly SIMD, not disabled). */
export function simdKernelsActive(): boolean {
  if (!useSimd || tf.getBackend() !== 'wasm') return false;
  const backend = tf.backend() as unknown as WasmLike;
  const probe = tf.zeros([4]);
  try {
    return simdFor(backend, backend.typedArrayFromHeap(probe as unknown as tf.TensorInfo)) !== null;
  } finally {
    probe.dispose();
  }
}

let useSimd = true;
/** Turns the SIMD versions off (true) or back on: tests compare them with the JS loops. */
export function disableSimdKernels(disabled: boolean): void {
  useSimd = !disabled;
}

function runOnCpu(backend: CpuLike, inputs: tf.TensorInfo[], shapes: number[][], body: Body): tf.TensorInfo[] {
  const outArrays = shapes.map((s) => new Float32Array(s.reduce((a, b) => a * b, 1)));
  body(
    inputs.map((t) => backend.data.get(t.dataId).values),
    outArrays,
  );
  return shapes.map((s, i) => backend.makeTensorInfo(s, 'float32', outArrays[i]));
}

const JS_BACKENDS = ['wasm', 'cpu'] as const;

/**
 * Registers `name` on the wasm and cpu backends (once). `plan` maps the inputs (in `inputNames`
 * order) and attributes to the output shapes and the loop that fills them.
 */
export function registerJsKernel<A extends object>(name: string, inputNames: readonly string[], plan: (inputs: tf.TensorInfo[], attrs: A) => { shapes: number[][]; body: Body; simd?: SimdBody }): void {
  for (const backendName of JS_BACKENDS) {
    if (tf.getKernel(name, backendName)) continue;
    tf.registerKernel({
      kernelName: name,
      backendName,
      kernelFunc: ({ inputs, attrs, backend }) => {
        const list = inputNames.map((n) => inputs[n] as tf.TensorInfo);
        for (const t of list) if (t.dtype !== 'float32') throw new Error(`${name}: input must be float32, got ${t.dtype}`);
        const { shapes, body, simd } = plan(list, attrs as unknown as A);
        return backendName === 'wasm' ? runOnWasm(backend as unknown as WasmLike, list, shapes, body, simd) : runOnCpu(backend as unknown as CpuLike, list, shapes, body);
      },
    });
  }
}

/** Whether `name` has a JS kernel on the active backend (and is not set aside by setJsKernelsOff). */
export function hasJsKernel(name: string): boolean {
  return !kernelsOff.has(name) && tf.getKernel(name, tf.getBackend()) !== undefined;
}

const kernelsOff = new Set<string>();
/**
 * Makes callers that check hasJsKernel take their tfjs-op path for `names` (off true) or the
 * kernels again: tests compare the two paths, and bench/kernel-ab.ts times them in one process.
 */
export function setJsKernelsOff(names: readonly string[], off: boolean): void {
  for (const n of names) {
    if (off) kernelsOff.add(n);
    else kernelsOff.delete(n);
  }
}

export function runJsKernel(name: string, inputs: Record<string, tf.Tensor>, attrs: object = {}): tf.Tensor[] {
  const out = tf.engine().runKernel(name, inputs as tf.NamedTensorMap, attrs as unknown as tf.NamedAttrMap);
  return Array.isArray(out) ? (out as tf.Tensor[]) : [out as tf.Tensor];
}

export const CONCAT_COLUMNS = 'SynthCreditConcatColumns';

/**
 * [a, b] side by side (2-D, same rows). tfjs-backend-wasm's Concat copies row by row through a
 * new subarray per row and input: ~12 ms a training step in allocations; a plain loop copies the
 * same floats in a fraction of that.
 */
registerJsKernel(CONCAT_COLUMNS, ['a', 'b'], ([a, b]) => ({
  shapes: [[a.shape[0], a.shape[1] + b.shape[1]]],
  body: ([x, y], [out]) => {
    const rows = a.shape[0];
    const wa = a.shape[1];
    const wb = b.shape[1];
    let o = 0;
    for (let r = 0; r < rows; r++) {
      for (let j = r * wa, e = j + wa; j < e; j++) out[o++] = x[j];
      for (let j = r * wb, e = j + wb; j < e; j++) out[o++] = y[j];
    }
  },
  simd: (k, [x, y], [out]) => k.concatRows(x, y, out, a.shape[0], 4 * a.shape[1], 4 * b.shape[1]),
}));

tf.registerGradient({
  kernelName: CONCAT_COLUMNS,
  inputsToSave: ['a', 'b'],
  gradFunc: (dy, saved) => {
    const [wa, wb] = [saved[0].shape[1] as number, saved[1].shape[1] as number];
    const d = dy as tf.Tensor2D;
    return {
      a: () => tf.slice(d, [0, 0], [d.shape[0], wa]),
      b: () => tf.slice(d, [0, wa], [d.shape[0], wb]),
    };
  },
});

/** tf.concat([a, b], 1) for 2-D float32 tensors, with the JS kernel where the backend has it. */
export function concatColumns(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  if (a.dtype === 'float32' && b.dtype === 'float32' && a.shape[0] === b.shape[0] && hasJsKernel(CONCAT_COLUMNS)) return runJsKernel(CONCAT_COLUMNS, { a, b })[0] as tf.Tensor2D;
  return tf.concat([a, b], 1) as tf.Tensor2D;
}
