import { logF32x4, sinCos2PiF32x4, splatF, splatI } from './simd-math';
import { F32, I32, op, V128, type FunctionDef } from './wasm-encoder';

/**
 * Seeded random draws in WebAssembly SIMD, the same stream as the project's generator
 * (src/core/util/random.ts, mulberry32): draw j of seed s is mulberry32's hash of s + (j+1)·C,
 * so four lanes compute draws j..j+3 at once. Each draw keeps the hash's top 24 bits:
 * u = (h >>> 8)·2⁻²⁴, exact in float32, in [0, 1 − 2⁻²⁴]. random-kernels.ts holds the JS loops
 * that compute the same draws (the cpu backend's kernels, the tails, and the tests' reference).
 *
 * Why: tfjs's seeded generators run seedrandom's alea one value at a time in JS and the normal
 * one is a polar method with a rejection loop: ~13 ms of a ~95 ms UCI training step went to the
 * 128k normal and ~280k uniform draws.
 */

export const MULBERRY_STEP = 0x6d2b79f5;
const TWO_M24 = 2 ** -24;

/** Draws [j, j+4) from the lane counters in local `a` into local `dst`, then a += 4·C; t: a v128 temporary. */
function drawUniform4(a: number, dst: number, t: number): number[][] {
  return [
    // t = imul(a ^ (a >>> 15), a | 1)
    [...op.get(a), ...op.get(a), ...op.i32(15), ...op.i32x4ShrU, ...op.v128Xor, ...op.get(a), ...splatI(1), ...op.v128Or, ...op.i32x4Mul, ...op.set(t)],
    // t ^= t + imul(t ^ (t >>> 7), t | 61)
    [...op.get(t), ...op.get(t), ...op.get(t), ...op.get(t), ...op.i32(7), ...op.i32x4ShrU, ...op.v128Xor, ...op.get(t), ...splatI(61), ...op.v128Or, ...op.i32x4Mul, ...op.i32x4Add, ...op.v128Xor, ...op.set(t)],
    // ((t ^ (t >>> 14)) >>> 8) · 2⁻²⁴
    [...op.get(t), ...op.get(t), ...op.i32(14), ...op.i32x4ShrU, ...op.v128Xor, ...op.i32(8), ...op.i32x4ShrU, ...op.f32x4ConvertI32x4S, ...splatF(TWO_M24), ...op.f32x4Mul, ...op.set(dst)],
    [...op.get(a), ...splatI(4 * MULBERRY_STEP), ...op.i32x4Add, ...op.set(a)],
  ];
}

/** lane k of local `a` = seed + (k+1)·C */
const initCounters = (seed: number, a: number) => [...op.get(seed), ...op.i32x4Splat, ...op.v128Const([1, 2, 3, 4].map((k) => Math.imul(k, MULBERRY_STEP))), ...op.i32x4Add, ...op.set(a)];

/** a loop over byte offsets i from 0 to end (exclusive) in steps of `stride`; body at each i */
function loop(i: number, end: number, stride: number, body: number[][]): number[][] {
  return [
    [...op.i32(0), ...op.set(i)],
    op.block,
    op.loop,
    [...op.get(i), ...op.get(end), ...op.i32GeU, ...op.brIf(1)],
    ...body,
    [...op.get(i), ...op.i32(stride), ...op.i32Add, ...op.set(i), ...op.br(0)],
    op.end,
    op.end,
  ];
}

/** uniform(out, n, seed): draws 0 .. 4·⌊n/4⌋ of seed into the float32 values at byte offset out */
export function uniformFunction(): FunctionDef {
  const [out, n, seed, i, end, a, u, t] = [0, 1, 2, 3, 4, 5, 6, 7];
  return {
    name: 'uniform',
    params: [I32, I32, I32],
    locals: [I32, I32, V128, V128, V128],
    body: [
      initCounters(seed, a),
      [...op.get(n), ...op.i32(-4), ...op.i32And, ...op.i32(2), ...op.i32Shl, ...op.set(end)],
      ...loop(i, end, 16, [...drawUniform4(a, u, t), [...op.get(out), ...op.get(i), ...op.i32Add, ...op.get(u), ...op.v128Store()]]),
    ],
  };
}

/**
 * dropoutMask(out, n, seed, keep, scale): floor(u + keep)·scale for draws 0 .. 4·⌊n/4⌋ of seed
 * (1/keep with probability keep, else 0), in float32 as the ops floor(add(u, keep))·scale.
 */
export function dropoutMaskFunction(): FunctionDef {
  const [out, n, seed, keep, scale, i, end, a, u, t, vKeep, vScale] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  return {
    name: 'dropoutMask',
    params: [I32, I32, I32, F32, F32],
    locals: [I32, I32, V128, V128, V128, V128, V128],
    body: [
      initCounters(seed, a),
      [...op.get(keep), ...op.f32x4Splat, ...op.set(vKeep)],
      [...op.get(scale), ...op.f32x4Splat, ...op.set(vScale)],
      [...op.get(n), ...op.i32(-4), ...op.i32And, ...op.i32(2), ...op.i32Shl, ...op.set(end)],
      ...loop(i, end, 16, [
        ...drawUniform4(a, u, t),
        [...op.get(out), ...op.get(i), ...op.i32Add, ...op.get(u), ...op.get(vKeep), ...op.f32x4Add, ...op.f32x4Floor, ...op.get(vScale), ...op.f32x4Mul, ...op.v128Store()],
      ]),
    ],
  };
}

/**
 * normal(out, n, seed): standard normal values 0 .. 8·⌊n/8⌋ by Box-Muller, in blocks of eight:
 * block b takes draws 8b..8b+3 as u and 8b+4..8b+7 as v, and writes r·cos θ to values 8b+k and
 * r·sin θ to values 8b+4+k, r = √(−2 ln(1 − u_k)), θ = 2π(v_k − ½) (1 − u is in (0, 1], exact).
 */
export function normalFunction(): FunctionDef {
  const [out, n, seed, i, end, a, u, v, t, r, sin, cos] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const temps = [12, 13, 14, 15, 16, 17];
  return {
    name: 'normal',
    params: [I32, I32, I32],
    locals: [I32, I32, V128, V128, V128, V128, V128, V128, V128, V128, V128, V128, V128, V128, V128],
    body: [
      initCounters(seed, a),
      [...op.get(n), ...op.i32(-8), ...op.i32And, ...op.i32(2), ...op.i32Shl, ...op.set(end)],
      ...loop(i, end, 32, [
        ...drawUniform4(a, u, t),
        ...drawUniform4(a, v, t),
        [...splatF(1), ...op.get(u), ...op.f32x4Sub, ...op.set(u)],
        ...logF32x4(u, r, temps),
        [...op.get(r), ...splatF(-2), ...op.f32x4Mul, ...op.f32x4Sqrt, ...op.set(r)],
        [...op.get(v), ...splatF(0.5), ...op.f32x4Sub, ...op.set(v)],
        ...sinCos2PiF32x4(v, sin, cos, temps),
        [...op.get(out), ...op.get(i), ...op.i32Add, ...op.get(r), ...op.get(cos), ...op.f32x4Mul, ...op.v128Store()],
        [...op.get(out), ...op.get(i), ...op.i32Add, ...op.get(r), ...op.get(sin), ...op.f32x4Mul, ...op.v128Store(16)],
      ]),
    ],
  };
}
