import { op } from './wasm-encoder';

/**
 * Float32x4 building blocks for the SIMD kernels (simd-kernels.ts): instruction lists that read
 * and write locals of the function they are spliced into. Cephes' single-precision polynomials,
 * about 1 ulp over the ranges the kernels use (each kernel's test checks its range and edges).
 */

export const splatF = (x: number) => [...op.f32(x), ...op.f32x4Splat];
export const splatI = (x: number) => [...op.i32(x | 0), ...op.i32x4Splat];

// Cephes logf: x = m·2^e with m in [√½, √2); log x = e·ln2 + (m−1) − (m−1)²/2 + (m−1)³·P(m−1)
const LOG_POLY = [7.0376836292e-2, -1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1];

/** natural log of four positive normal float32 values in local `src` into local `dst` (may be the same); t: four v128 temporaries */
export function logF32x4(src: number, dst: number, [m, e, z, mask]: readonly number[]): number[][] {
  const horner: number[] = [...splatF(LOG_POLY[0])];
  for (const c of LOG_POLY.slice(1)) horner.push(...op.get(m), ...op.f32x4Mul, ...splatF(c), ...op.f32x4Add);
  return [
    // exponent e = (bits >> 23) − 126 and mantissa m in [0.5, 1)
    [...op.get(src), ...op.i32(23), ...op.i32x4ShrU, ...splatI(126), ...op.i32x4Sub, ...op.f32x4ConvertI32x4S, ...op.set(e)],
    [...op.get(src), ...splatI(0x007fffff), ...op.v128And, ...splatI(0x3f000000), ...op.v128Or, ...op.set(m)],
    // m < √½: e − 1 and 2m − 1; else m − 1
    [...op.get(m), ...splatF(0.70710677), ...op.f32x4Lt, ...op.set(mask)],
    [...op.get(e), ...op.get(mask), ...splatF(1), ...op.v128And, ...op.f32x4Sub, ...op.set(e)],
    [...op.get(m), ...splatF(1), ...op.f32x4Sub, ...op.get(mask), ...op.get(m), ...op.v128And, ...op.f32x4Add, ...op.set(m)],
    [...op.get(m), ...op.get(m), ...op.f32x4Mul, ...op.set(z)],
    // y = P(m)·m·z + e·(−2.12194440e−4) − z/2; log = m + y + e·0.693359375
    [...horner, ...op.get(m), ...op.f32x4Mul, ...op.get(z), ...op.f32x4Mul],
    [...op.get(e), ...splatF(-2.12194440e-4), ...op.f32x4Mul, ...op.f32x4Add],
    [...op.get(z), ...splatF(0.5), ...op.f32x4Mul, ...op.f32x4Sub],
    [...op.get(m), ...op.f32x4Add],
    [...op.get(e), ...splatF(0.693359375), ...op.f32x4Mul, ...op.f32x4Add, ...op.set(dst)],
  ];
}

// Cephes sinf / cosf on [−π/4, π/4]
const SIN_POLY = [-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1];
const COS_POLY = [2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2];

/**
 * sin(2πw) and cos(2πw) for four float32 w in [−½, ½) in local `w` into locals `sin` and `cos`;
 * t: six v128 temporaries. w = q/4 + f with q = round(4w) and |f| ≤ ⅛ (exact in float32), so the
 * polynomials only see x = 2πf in [−π/4, π/4]; the quarter turn q mod 4 swaps and negates them.
 */
export function sinCos2PiF32x4(w: number, sin: number, cos: number, [q, x, z, s, c, qi]: readonly number[]): number[][] {
  const poly = (coeffs: readonly number[]) => {
    const out: number[] = [...splatF(coeffs[0])];
    for (const k of coeffs.slice(1)) out.push(...op.get(z), ...op.f32x4Mul, ...splatF(k), ...op.f32x4Add);
    return out;
  };
  return [
    [...op.get(w), ...splatF(4), ...op.f32x4Mul, ...op.f32x4Nearest, ...op.set(q)],
    [...op.get(w), ...op.get(q), ...splatF(0.25), ...op.f32x4Mul, ...op.f32x4Sub, ...splatF(2 * Math.PI), ...op.f32x4Mul, ...op.set(x)],
    [...op.get(x), ...op.get(x), ...op.f32x4Mul, ...op.set(z)],
    // s = P(z)·z·x + x; c = Q(z)·z·z − z/2 + 1
    [...poly(SIN_POLY), ...op.get(z), ...op.f32x4Mul, ...op.get(x), ...op.f32x4Mul, ...op.get(x), ...op.f32x4Add, ...op.set(s)],
    [...poly(COS_POLY), ...op.get(z), ...op.f32x4Mul, ...op.get(z), ...op.f32x4Mul, ...op.get(z), ...splatF(0.5), ...op.f32x4Mul, ...op.f32x4Sub, ...splatF(1), ...op.f32x4Add, ...op.set(c)],
    [...op.get(q), ...op.i32x4TruncSatF32x4S, ...op.set(qi)],
    // odd quarter turns swap sin and cos (q reused as the lane mask 0 − (qi & 1))
    [...splatI(0), ...op.get(qi), ...splatI(1), ...op.v128And, ...op.i32x4Sub, ...op.set(q)],
    // sin is negative for qi mod 4 in {2, 3}, cos for {1, 2}: that bit moved to the sign bit
    [...op.get(c), ...op.get(s), ...op.get(q), ...op.v128Bitselect, ...op.get(qi), ...splatI(2), ...op.v128And, ...op.i32(30), ...op.i32x4Shl, ...op.v128Xor, ...op.set(sin)],
    [...op.get(s), ...op.get(c), ...op.get(q), ...op.v128Bitselect, ...op.get(qi), ...splatI(1), ...op.i32x4Add, ...splatI(2), ...op.v128And, ...op.i32(30), ...op.i32x4Shl, ...op.v128Xor, ...op.set(cos)],
  ];
}
