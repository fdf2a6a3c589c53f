import { bnColumnSumsFunction, bnGradApplyFunction, bnGradSumsFunction, bnReluApplyFunction, bnSquaredDeviationsFunction, leakySlopesFunction } from './simd-batch-norm';
import { logF32x4, splatF } from './simd-math';
import { dropoutMaskFunction, normalFunction, uniformFunction } from './simd-random';
import { encodeModule, F32, I32, instanceOnMemory, op, V128, type FunctionDef } from './wasm-encoder';

/**
 * Kernels in WebAssembly SIMD (f32x4) that work in place on the tfjs WASM backend's own heap: the
 * module imports that backend's memory, so a tensor's data is read and written where it lies
 * (a byte offset per tensor), with no copy in or out. The module is encoded in memory at load
 * (wasm-encoder.ts): nothing is compiled at install and nothing is downloaded.
 *
 * Why: a JS loop (js-kernels.ts) already avoids tfjs's launches and intermediate tensors, but it
 * runs one float64 element at a time; f32x4 does four float32 elements per instruction. Adam's
 * update over ~1 million parameters was ~10 ms of a ~130 ms training step in JS.
 */
export interface SimdKernels {
  /**
   * One Adam update of n float32 values at byte offsets p, g, m, v into pOut, mOut, vOut, in float32:
   * g' = g + wd·p; m' = β1·m + (1−β1)·g'; v' = β2·v + (1−β2)·g'²; p' = p − stepSize·m' / (√v'·invBc2 + eps).
   */
  adam(p: number, g: number, m: number, v: number, pOut: number, mOut: number, vOut: number, n: number, stepSize: number, beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number, invBc2: number, eps: number, wd: number): void;
  /**
   * Gumbel(0, 1) noise −log(−log(clip(u, 1e−10, 1 − 1e−7))) for the first 4·⌊n/4⌋ float32 values
   * at byte offset u into out (the caller does the n mod 4 rest). log is Cephes' logf in f32x4
   * (about 1 ulp); V8's Math.log, twice per value, was most of the output activation's time.
   */
  gumbel(u: number, out: number, n: number): void;
  /** [a, b] side by side: rows of aBytes and bBytes bytes, one memory.copy per row and input */
  concatRows(a: number, b: number, out: number, rows: number, aBytes: number, bBytes: number): void;
  /** draws 0 .. 4·⌊n/4⌋ of `seed` (simd-random.ts: the project's mulberry32 stream, 24 bits) into out */
  uniform(out: number, n: number, seed: number): void;
  /** standard normal values 0 .. 8·⌊n/8⌋ of `seed` by Box-Muller (simd-random.ts) into out */
  normal(out: number, n: number, seed: number): void;
  /** floor(u + keep)·scale for draws 0 .. 4·⌊n/4⌋ of `seed` into out */
  dropoutMask(out: number, n: number, seed: number, keep: number, scale: number): void;
  /** batch-norm passes over row-major [n, d] blocks, d % 4 = 0 (simd-batch-norm.ts); accumulators are added to */
  bnColumnSums(x: number, n: number, d: number, sum: number): void;
  bnSquaredDeviations(x: number, n: number, d: number, mean: number, sq: number): void;
  bnReluApply(x: number, n: number, d: number, mean: number, invStd: number, gamma: number, beta: number, normalized: number, o: number): void;
  bnGradSums(dO: number, dOStride: number, o: number, nh: number, n: number, d: number, sb: number, sg: number): void;
  bnGradApply(dO: number, dOStride: number, o: number, nh: number, n: number, d: number, scale: number, mb: number, mg: number, dA: number, bias: number): void;
  /** s = (a > 0 ? 1 : slope)·mask, h = a·s for the first 4·⌊n/4⌋ values */
  leakySlopes(a: number, mask: number, s: number, h: number, n: number, slope: number): void;
}

// Adam: parameters 0-7 byte offsets and count (i32), 8-15 constants (f32)
const A = { p: 0, g: 1, m: 2, v: 3, pOut: 4, mOut: 5, vOut: 6, n: 7, step: 8, b1: 9, omb1: 10, b2: 11, omb2: 12, invBc2: 13, eps: 14, wd: 15 };
// locals after the parameters
const L = { i: 16, end4: 17, end: 18, vStep: 19, vB1: 20, vOmb1: 21, vB2: 22, vOmb2: 23, vInvBc2: 24, vEps: 25, vWd: 26, P: 27, G: 28, M: 29, V: 30, p: 31, g: 32, mm: 33, vv: 34 };

/** address = base parameter + i */
const at = (base: number) => [...op.get(base), ...op.get(L.i), ...op.i32Add];

function adamFunction(): FunctionDef {
  const splat = (from: number, to: number) => [...op.get(from), ...op.f32x4Splat, ...op.set(to)];
  const vectorLoop = [
    op.block,
    op.loop,
    [...op.get(L.i), ...op.get(L.end4), ...op.i32GeU, ...op.brIf(1)],
    [...at(A.p), ...op.v128Load(), ...op.set(L.P)],
    // g' = g + p·wd
    [...at(A.g), ...op.v128Load(), ...op.get(L.P), ...op.get(L.vWd), ...op.f32x4Mul, ...op.f32x4Add, ...op.set(L.G)],
    // m' = β1·m + (1−β1)·g'
    [...op.get(L.vB1), ...at(A.m), ...op.v128Load(), ...op.f32x4Mul, ...op.get(L.vOmb1), ...op.get(L.G), ...op.f32x4Mul, ...op.f32x4Add, ...op.set(L.M)],
    // v' = β2·v + (1−β2)·g'·g'
    [...op.get(L.vB2), ...at(A.v), ...op.v128Load(), ...op.f32x4Mul, ...op.get(L.vOmb2), ...op.get(L.G), ...op.f32x4Mul, ...op.get(L.G), ...op.f32x4Mul, ...op.f32x4Add, ...op.set(L.V)],
    [...at(A.mOut), ...op.get(L.M), ...op.v128Store()],
    [...at(A.vOut), ...op.get(L.V), ...op.v128Store()],
    // p' = p − stepSize·m' / (√v'·invBc2 + eps)
    [...at(A.pOut), ...op.get(L.P), ...op.get(L.vStep), ...op.get(L.M), ...op.f32x4Mul],
    [...op.get(L.V), ...op.f32x4Sqrt, ...op.get(L.vInvBc2), ...op.f32x4Mul, ...op.get(L.vEps), ...op.f32x4Add, ...op.f32x4Div, ...op.f32x4Sub, ...op.v128Store()],
    [...op.get(L.i), ...op.i32(16), ...op.i32Add, ...op.set(L.i), ...op.br(0)],
    op.end,
    op.end,
  ];
  // the last n mod 4 values, the same arithmetic one float32 at a time
  const scalarLoop = [
    op.block,
    op.loop,
    [...op.get(L.i), ...op.get(L.end), ...op.i32GeU, ...op.brIf(1)],
    [...at(A.p), ...op.f32Load(), ...op.set(L.p)],
    [...at(A.g), ...op.f32Load(), ...op.get(L.p), ...op.get(A.wd), ...op.f32Mul, ...op.f32Add, ...op.set(L.g)],
    [...op.get(A.b1), ...at(A.m), ...op.f32Load(), ...op.f32Mul, ...op.get(A.omb1), ...op.get(L.g), ...op.f32Mul, ...op.f32Add, ...op.set(L.mm)],
    [...op.get(A.b2), ...at(A.v), ...op.f32Load(), ...op.f32Mul, ...op.get(A.omb2), ...op.get(L.g), ...op.f32Mul, ...op.get(L.g), ...op.f32Mul, ...op.f32Add, ...op.set(L.vv)],
    [...at(A.mOut), ...op.get(L.mm), ...op.f32Store()],
    [...at(A.vOut), ...op.get(L.vv), ...op.f32Store()],
    [...at(A.pOut), ...op.get(L.p), ...op.get(A.step), ...op.get(L.mm), ...op.f32Mul],
    [...op.get(L.vv), ...op.f32Sqrt, ...op.get(A.invBc2), ...op.f32Mul, ...op.get(A.eps), ...op.f32Add, ...op.f32Div, ...op.f32Sub, ...op.f32Store()],
    [...op.get(L.i), ...op.i32(4), ...op.i32Add, ...op.set(L.i), ...op.br(0)],
    op.end,
    op.end,
  ];
  return {
    name: 'adam',
    params: [I32, I32, I32, I32, I32, I32, I32, I32, F32, F32, F32, F32, F32, F32, F32, F32],
    locals: [I32, I32, I32, V128, V128, V128, V128, V128, V128, V128, V128, V128, V128, V128, V128, F32, F32, F32, F32],
    body: [
      [...op.i32(0), ...op.set(L.i)],
      [...op.get(A.n), ...op.i32(-4), ...op.i32And, ...op.i32(2), ...op.i32Shl, ...op.set(L.end4)],
      [...op.get(A.n), ...op.i32(2), ...op.i32Shl, ...op.set(L.end)],
      splat(A.step, L.vStep),
      splat(A.b1, L.vB1),
      splat(A.omb1, L.vOmb1),
      splat(A.b2, L.vB2),
      splat(A.omb2, L.vOmb2),
      splat(A.invBc2, L.vInvBc2),
      splat(A.eps, L.vEps),
      splat(A.wd, L.vWd),
      ...vectorLoop,
      ...scalarLoop,
    ],
  };
}

function gumbelFunction(): FunctionDef {
  // params u, out, n; locals i, end4, then v128 x, m, e, z, mask
  const [u, out, n, i, end4, x] = [0, 1, 2, 3, 4, 5];
  const temps = [6, 7, 8, 9];
  return {
    name: 'gumbel',
    params: [I32, I32, I32],
    locals: [I32, I32, V128, V128, V128, V128, V128],
    body: [
      [...op.i32(0), ...op.set(i)],
      [...op.get(n), ...op.i32(-4), ...op.i32And, ...op.i32(2), ...op.i32Shl, ...op.set(end4)],
      op.block,
      op.loop,
      [...op.get(i), ...op.get(end4), ...op.i32GeU, ...op.brIf(1)],
      // the clip in float32, as gumbelNoise's tf.clipByValue
      [...op.get(u), ...op.get(i), ...op.i32Add, ...op.v128Load(), ...splatF(1e-10), ...op.f32x4Max, ...splatF(1 - 1e-7), ...op.f32x4Min, ...op.set(x)],
      ...logF32x4(x, x, temps),
      [...op.get(x), ...op.f32x4Neg, ...op.set(x)],
      ...logF32x4(x, x, temps),
      [...op.get(out), ...op.get(i), ...op.i32Add, ...op.get(x), ...op.f32x4Neg, ...op.v128Store()],
      [...op.get(i), ...op.i32(16), ...op.i32Add, ...op.set(i), ...op.br(0)],
      op.end,
      op.end,
    ],
  };
}

function concatRowsFunction(): FunctionDef {
  const [a, b, out, rows, aBytes, bBytes, r] = [0, 1, 2, 3, 4, 5, 6];
  const advance = (ptr: number, by: number) => [...op.get(ptr), ...op.get(by), ...op.i32Add, ...op.set(ptr)];
  return {
    name: 'concatRows',
    params: [I32, I32, I32, I32, I32, I32],
    locals: [I32],
    body: [
      [...op.i32(0), ...op.set(r)],
      op.block,
      op.loop,
      [...op.get(r), ...op.get(rows), ...op.i32GeU, ...op.brIf(1)],
      [...op.get(out), ...op.get(a), ...op.get(aBytes), ...op.memoryCopy],
      advance(out, aBytes),
      advance(a, aBytes),
      [...op.get(out), ...op.get(b), ...op.get(bBytes), ...op.memoryCopy],
      advance(out, bBytes),
      advance(b, bBytes),
      [...op.get(r), ...op.i32(1), ...op.i32Add, ...op.set(r), ...op.br(0)],
      op.end,
      op.end,
    ],
  };
}

const FUNCTIONS = [
  adamFunction,
  gumbelFunction,
  concatRowsFunction,
  uniformFunction,
  normalFunction,
  dropoutMaskFunction,
  bnColumnSumsFunction,
  bnSquaredDeviationsFunction,
  bnReluApplyFunction,
  bnGradSumsFunction,
  bnGradApplyFunction,
  leakySlopesFunction,
];

const cache = new WeakMap<WebAssembly.Memory, SimdKernels | null>();

/**
 * The kernels bound to `memory` (instantiated once per memory), or null where this engine has no
 * WebAssembly SIMD (callers then use their JS loops).
 */
export function simdKernelsFor(memory: WebAssembly.Memory): SimdKernels | null {
  return instanceOnMemory(cache, memory, encodedSimdModule);
}

/** The encoded module (for tests: it must validate wherever WebAssembly SIMD exists). */
export function encodedSimdModule(shared = false): Uint8Array<ArrayBuffer> {
  return encodeModule(
    FUNCTIONS.map((f) => f()),
    shared,
  );
}
