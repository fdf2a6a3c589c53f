import { splatF } from './simd-math';
import { F32, I32, op, V128, type FunctionDef } from './wasm-encoder';

/**
 * Batch-norm + ReLU passes in WebAssembly SIMD (batch-norm-kernels.ts calls them on the wasm
 * backend when the width is a multiple of 4): f32x4 over four columns of a row-major [n, d]
 * block, rows in the outer loop, so per-column vectors (sums, mean, scale) stay in cache.
 * Arguments are byte offsets into the tfjs backend's heap; column accumulators are added to
 * (the caller zeroes them). Sums are float32, as tfjs's own reductions.
 *
 * Why: the JS loops (float64, one element at a time) ran no faster than tfjs's ~15 separate
 * XNNPACK kernels they replaced; four lanes per instruction are what makes the fusion pay.
 */

interface Spec {
  name: string;
  /** i32 byte offsets and sizes */
  params: FunctionDef['params'];
  /** parameter index of the row count and of the column count d (d % 4 = 0) */
  n: number;
  d: number;
  /** [pointer parameter, stride parameter in bytes or −1 for d·4]: advanced after each row */
  rows: [number, number][];
  vectors: number;
  /** code once before the loops; the body at each column offset jb */
  pre?: (v: (k: number) => number) => number[][];
  body: (at: (p: number) => number[], v: (k: number) => number) => number[][];
}

function columnFunction(s: Spec): FunctionDef {
  const base = s.params.length;
  const [r, jb, rowBytes] = [base, base + 1, base + 2];
  const v = (k: number) => base + 3 + k;
  const at = (p: number) => [...op.get(p), ...op.get(jb), ...op.i32Add];
  return {
    name: s.name,
    params: s.params,
    locals: [I32, I32, I32, ...Array.from({ length: s.vectors }, (): FunctionDef['locals'][number] => V128)],
    body: [
      [...op.get(s.d), ...op.i32(2), ...op.i32Shl, ...op.set(rowBytes)],
      ...(s.pre?.(v) ?? []),
      [...op.i32(0), ...op.set(r)],
      op.block,
      op.loop,
      [...op.get(r), ...op.get(s.n), ...op.i32GeU, ...op.brIf(1)],
      [...op.i32(0), ...op.set(jb)],
      op.block,
      op.loop,
      [...op.get(jb), ...op.get(rowBytes), ...op.i32GeU, ...op.brIf(1)],
      ...s.body(at, v),
      [...op.get(jb), ...op.i32(16), ...op.i32Add, ...op.set(jb), ...op.br(0)],
      op.end,
      op.end,
      ...s.rows.map(([p, stride]) => [...op.get(p), ...op.get(stride < 0 ? rowBytes : stride), ...op.i32Add, ...op.set(p)]),
      [...op.get(r), ...op.i32(1), ...op.i32Add, ...op.set(r), ...op.br(0)],
      op.end,
      op.end,
    ],
  };
}

const load = (addr: number[]) => [...addr, ...op.v128Load()];

/** bnColumnSums(x, n, d, sum): sum[j] += Σ_r x[r, j] */
export function bnColumnSumsFunction(): FunctionDef {
  const [x, n, d, sum] = [0, 1, 2, 3];
  return columnFunction({
    name: 'bnColumnSums',
    params: [I32, I32, I32, I32],
    n,
    d,
    rows: [[x, -1]],
    vectors: 0,
    body: (at) => [[...at(sum), ...load(at(sum)), ...load(at(x)), ...op.f32x4Add, ...op.v128Store()]],
  });
}

/** bnSquaredDeviations(x, n, d, mean, sq): sq[j] += Σ_r (x[r, j] − mean[j])² */
export function bnSquaredDeviationsFunction(): FunctionDef {
  const [x, n, d, mean, sq, c] = [0, 1, 2, 3, 4, 0];
  return columnFunction({
    name: 'bnSquaredDeviations',
    params: [I32, I32, I32, I32, I32],
    n,
    d,
    rows: [[x, -1]],
    vectors: 1,
    body: (at, v) => [
      [...load(at(x)), ...load(at(mean)), ...op.f32x4Sub, ...op.set(v(c))],
      [...at(sq), ...load(at(sq)), ...op.get(v(c)), ...op.get(v(c)), ...op.f32x4Mul, ...op.f32x4Add, ...op.v128Store()],
    ],
  });
}

/** bnReluApply(x, n, d, mean, invStd, gamma, beta, normalized, o): n̂ = (x − mean)·invStd, o = max(n̂·γ + β, 0) */
export function bnReluApplyFunction(): FunctionDef {
  const [x, n, d, mean, invStd, gamma, beta, normalized, o, nh] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 0];
  return columnFunction({
    name: 'bnReluApply',
    params: [I32, I32, I32, I32, I32, I32, I32, I32, I32],
    n,
    d,
    rows: [
      [x, -1],
      [normalized, -1],
      [o, -1],
    ],
    vectors: 1,
    body: (at, v) => [
      [...load(at(x)), ...load(at(mean)), ...op.f32x4Sub, ...load(at(invStd)), ...op.f32x4Mul, ...op.set(v(nh))],
      [...at(normalized), ...op.get(v(nh)), ...op.v128Store()],
      [...at(o), ...op.get(v(nh)), ...load(at(gamma)), ...op.f32x4Mul, ...load(at(beta)), ...op.f32x4Add, ...splatF(0), ...op.f32x4Max, ...op.v128Store()],
    ],
  });
}

/** dy = dO where o > 0, else 0 (the ReLU's gradient), into vector local `dy` */
const reluGrad = (at: (p: number) => number[], dO: number, o: number, dy: number) => [[...load(at(dO)), ...load(at(o)), ...splatF(0), ...op.f32x4Gt, ...op.v128And, ...op.set(dy)]];

/** bnGradSums(dO, dOStride, o, nh, n, d, sb, sg): sb[j] += Σ dy, sg[j] += Σ dy·n̂ (dO rows dOStride bytes apart) */
export function bnGradSumsFunction(): FunctionDef {
  const [dO, dOStride, o, nh, n, d, sb, sg, dy] = [0, 1, 2, 3, 4, 5, 6, 7, 0];
  return columnFunction({
    name: 'bnGradSums',
    params: [I32, I32, I32, I32, I32, I32, I32, I32],
    n,
    d,
    rows: [
      [dO, dOStride],
      [o, -1],
      [nh, -1],
    ],
    vectors: 1,
    body: (at, v) => [
      ...reluGrad(at, dO, o, v(dy)),
      [...at(sb), ...load(at(sb)), ...op.get(v(dy)), ...op.f32x4Add, ...op.v128Store()],
      [...at(sg), ...load(at(sg)), ...op.get(v(dy)), ...load(at(nh)), ...op.f32x4Mul, ...op.f32x4Add, ...op.v128Store()],
    ],
  });
}

/** bnGradApply(dO, dOStride, o, nh, n, d, scale, mb, mg, dA, bias): dA = scale·(dy − mb − n̂·mg), bias[j] += Σ dA */
export function bnGradApplyFunction(): FunctionDef {
  const [dO, dOStride, o, nh, n, d, scale, mb, mg, dA, bias, dy] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0];
  return columnFunction({
    name: 'bnGradApply',
    params: [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32],
    n,
    d,
    rows: [
      [dO, dOStride],
      [o, -1],
      [nh, -1],
      [dA, -1],
    ],
    vectors: 1,
    body: (at, v) => [
      ...reluGrad(at, dO, o, v(dy)),
      [...load(at(scale)), ...op.get(v(dy)), ...load(at(mb)), ...op.f32x4Sub, ...load(at(nh)), ...load(at(mg)), ...op.f32x4Mul, ...op.f32x4Sub, ...op.f32x4Mul, ...op.set(v(dy))],
      [...at(dA), ...op.get(v(dy)), ...op.v128Store()],
      [...at(bias), ...load(at(bias)), ...op.get(v(dy)), ...op.f32x4Add, ...op.v128Store()],
    ],
  });
}

/**
 * leakySlopes(a, mask, s, h, n): s = (a > 0 ? 1 : slope)·mask, h = a·s for the first 4·⌊n/4⌋
 * values (critic-kernels.ts does the rest); the same float32 products as the ops.
 */
export function leakySlopesFunction(): FunctionDef {
  const [a, mask, s, h, n, slope, i, end, av, sv] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  return {
    name: 'leakySlopes',
    params: [I32, I32, I32, I32, I32, F32],
    locals: [I32, I32, V128, V128],
    body: [
      [...op.i32(0), ...op.set(i)],
      [...op.get(n), ...op.i32(-4), ...op.i32And, ...op.i32(2), ...op.i32Shl, ...op.set(end)],
      op.block,
      op.loop,
      [...op.get(i), ...op.get(end), ...op.i32GeU, ...op.brIf(1)],
      [...op.get(a), ...op.get(i), ...op.i32Add, ...op.v128Load(), ...op.set(av)],
      [...splatF(1), ...op.get(slope), ...op.f32x4Splat, ...op.get(av), ...splatF(0), ...op.f32x4Gt, ...op.v128Bitselect],
      [...op.get(mask), ...op.get(i), ...op.i32Add, ...op.v128Load(), ...op.f32x4Mul, ...op.set(sv)],
      [...op.get(s), ...op.get(i), ...op.i32Add, ...op.get(sv), ...op.v128Store()],
      [...op.get(h), ...op.get(i), ...op.i32Add, ...op.get(av), ...op.get(sv), ...op.f32x4Mul, ...op.v128Store()],
      [...op.get(i), ...op.i32(16), ...op.i32Add, ...op.set(i), ...op.br(0)],
      op.end,
      op.end,
    ],
  };
}
