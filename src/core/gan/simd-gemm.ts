import { encodeModule, I32, instanceOnMemory, op, uleb, V128, type FunctionDef } from './wasm-encoder';

/**
 * Matrix products in WebAssembly SIMD (f32x4) on the tfjs WASM backend's own heap (the module
 * imports that memory, as simd-kernels.ts does): C = A·B (+ bias), C = Aᵀ·B and C = A·Bᵀ, each
 * reading its operands where they lie, by byte offset and row stride.
 *
 * Why: the backward pass needs Aᵀ·B (weight gradients) and A·Bᵀ (input gradients); in
 * tfjs-backend-wasm 4.22 the transposed forms are 6-12x slower than a Transpose kernel plus a
 * plain product, so the step paid ~13 Transpose kernels and a fresh XNNPACK packing of each
 * transposed operand. Here Aᵀ·B reads A transposed in place.
 *
 * A·B and Aᵀ·B: a 4 × 8 register block (eight f32x4 accumulators), one k at a time: two loads of
 * B's row k, four load-splats of A's column k, multiply and add (no FMA: WebAssembly SIMD has
 * none outside relaxed SIMD). Each C element is summed in k order from the bias (or 0), as
 * XNNPACK's f32 GEMM does, so the results equal tfjs's to the bit. A·Bᵀ: Bᵀ written to a scratch
 * buffer by 4 × 4 tile transposes (shuffles), then A·(Bᵀ): the same sums as tfjs's explicit
 * transpose and plain product, without the Transpose kernel's launch and XNNPACK's packing.
 * (Dot products along k read B in place, ~1 ms a step faster, but sum four partial sums: the
 * results moved in the last bits and the losses of a run with them; not kept.) Ragged edges: the last row and column blocks are moved back
 * to end at the matrix's edge and recompute a few elements (C does not alias A or B, so writing
 * an element twice is harmless; see gemmNN's init 2 for the one exception).
 */
export interface SimdGemm {
  /**
   * C[i,j] = s + Σ_k A[i,k]·B[k,j] for i < m, j < n, k < kk, with s = 0 (init 0), bias[j]
   * (init 1) or C[i,j] itself (init 2: the products over a later chunk of k, added in k order).
   * A row-major with row stride lda (bytes), B with row stride ldb, C with row stride ldc.
   * Needs m ≥ 4, n ≥ 8, kk ≥ 1; init 2 needs n a multiple of 8 (a last column block moved back
   * would add its overlap twice).
   */
  gemmNN(a: number, b: number, c: number, bias: number, init: number, m: number, n: number, kk: number, lda: number, ldb: number, ldc: number): void;
  /** C[i,j] = s + Σ_k A[k,i]·B[k,j]: A stored kk × m (row stride lda bytes); s as gemmNN's. Needs m ≥ 4, n ≥ 8, kk ≥ 1. */
  gemmTN(a: number, b: number, c: number, bias: number, init: number, m: number, n: number, kk: number, lda: number, ldb: number, ldc: number): void;
  /** dst[j,i] = src[i,j] for i < rows, j < cols, in 4 × 4 tiles; row strides in bytes. Needs rows ≥ 4, cols ≥ 4. */
  transpose(src: number, dst: number, rows: number, cols: number, lds: number, ldd: number): void;
}

// instructions wasm-encoder.ts does not have (kept here so this file stands alone)
const x = {
  i32GtS: [0x4a],
  i32Eq: [0x46],
  select: [0x1b],
  if_: [0x04, 0x40],
  else_: [0x05],
  v128Load32Splat: (offset = 0) => [0xfd, 0x09, 2, ...uleb(offset)],
  /** byte lanes of two f32x4 operands: f32 lane l of the first is 0-3, of the second 4-7 */
  shuffleF32: (lanes: readonly number[]) => [0xfd, 0x0d, ...lanes.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3])],
};
const repeat = <T extends number>(count: number, t: T): T[] => Array.from({ length: count }, () => t);
const inc = (local: number, by: number[]) => [...op.get(local), ...by, ...op.i32Add, ...op.set(local)];
/** block start at (edge − size) when start + size would pass the edge (edge ≥ size) */
const clampStart = (start: number, edge: number, size: number) => [
  ...op.get(edge), ...op.i32(size), ...op.i32Sub,
  ...op.get(start),
  ...op.get(start), ...op.get(edge), ...op.i32(size), ...op.i32Sub, ...x.i32GtS,
  ...x.select, ...op.set(start),
];

/** A·B or Aᵀ·B with a 4 × 8 block; `transA` chooses how A's column k of the block is read. */
function gemm48(transA: boolean): FunctionDef {
  // parameters
  const P = { a: 0, b: 1, c: 2, bias: 3, init: 4, m: 5, n: 6, k: 7, lda: 8, ldb: 9, ldc: 10 };
  const nParams = 11;
  let next = nParams;
  const i32 = () => next++;
  const L = { i0: i32(), iFrom: i32(), j0: i32(), kc: i32(), pa: i32(), pa1: i32(), pa2: i32(), pa3: i32(), pb: i32(), cp: i32() };
  const nI32 = next - nParams;
  const acc = Array.from({ length: 8 }, () => next++);
  const [b0, b1, s] = [next++, next++, next++];
  const rowPtr = [L.pa, L.pa1, L.pa2, L.pa3];

  const zero = [...op.f32(0), ...op.f32x4Splat];
  const cBlock = [...op.get(P.c), ...op.get(L.i0), ...op.get(P.ldc), ...op.i32Mul, ...op.i32Add, ...op.get(L.j0), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.set(L.cp)];
  // init 0: zeros; 1: the bias row; 2: C's current values (a later chunk of k: the sum goes on in k order)
  const init = [
    cBlock,
    [...op.get(P.init), ...op.i32(2), ...x.i32Eq, ...x.if_],
    ...[0, 1, 2, 3].flatMap((r) => [
      [...op.get(L.cp), ...op.v128Load(), ...op.set(acc[2 * r])],
      [...op.get(L.cp), ...op.v128Load(16), ...op.set(acc[2 * r + 1])],
      inc(L.cp, op.get(P.ldc)),
    ]),
    x.else_,
    [...op.get(P.init), ...x.if_],
    ...acc.map((v, q) => [...op.get(P.bias), ...op.get(L.j0), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.v128Load(q % 2 ? 16 : 0), ...op.set(v)]),
    x.else_,
    ...acc.map((v) => [...zero, ...op.set(v)]),
    op.end,
    op.end,
  ];
  // A's entries of the block's column k: Aᵀ stored rows of k (one pointer, lanes at +4r);
  // A stored rows of i (four row pointers, each + 4 a step)
  const setA = transA
    ? [[...op.get(P.a), ...op.get(L.i0), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.set(L.pa)]]
    : [
        [...op.get(P.a), ...op.get(L.i0), ...op.get(P.lda), ...op.i32Mul, ...op.i32Add, ...op.set(L.pa)],
        ...[1, 2, 3].map((r) => [...op.get(rowPtr[r - 1]), ...op.get(P.lda), ...op.i32Add, ...op.set(rowPtr[r])]),
      ];
  const splatA = (r: number) => (transA ? [...op.get(L.pa), ...x.v128Load32Splat(4 * r)] : [...op.get(rowPtr[r]), ...x.v128Load32Splat()]);
  const stepA = transA ? [inc(L.pa, op.get(P.lda))] : rowPtr.map((p) => inc(p, op.i32(4)));
  const kLoop = [
    [...op.get(P.k), ...op.set(L.kc)],
    op.loop,
    [...op.get(L.pb), ...op.v128Load(), ...op.set(b0)],
    [...op.get(L.pb), ...op.v128Load(16), ...op.set(b1)],
    ...[0, 1, 2, 3].flatMap((r) => [
      [...splatA(r), ...op.set(s)],
      [...op.get(acc[2 * r]), ...op.get(s), ...op.get(b0), ...op.f32x4Mul, ...op.f32x4Add, ...op.set(acc[2 * r])],
      [...op.get(acc[2 * r + 1]), ...op.get(s), ...op.get(b1), ...op.f32x4Mul, ...op.f32x4Add, ...op.set(acc[2 * r + 1])],
    ]),
    ...stepA,
    inc(L.pb, op.get(P.ldb)),
    [...op.get(L.kc), ...op.i32(1), ...op.i32Sub, ...op.tee(L.kc), ...op.brIf(0)],
    op.end,
  ];
  const store = [
    cBlock,
    // a last row block moved back stores only its new rows (with init 2 the others were updated already)
    ...[0, 1, 2, 3].flatMap((r) => [
      [...op.get(L.i0), ...op.i32(r), ...op.i32Add, ...op.get(L.iFrom), ...op.i32GeU, ...x.if_],
      [...op.get(L.cp), ...op.get(acc[2 * r]), ...op.v128Store()],
      [...op.get(L.cp), ...op.get(acc[2 * r + 1]), ...op.v128Store(16)],
      op.end,
      inc(L.cp, op.get(P.ldc)),
    ]),
  ];
  return {
    name: transA ? 'gemmTN' : 'gemmNN',
    params: repeat(nParams, I32),
    locals: [...repeat(nI32, I32), ...repeat(11, V128)],
    body: [
      [...op.i32(0), ...op.set(L.i0)],
      op.block,
      op.loop,
      [...op.get(L.i0), ...op.get(P.m), ...op.i32GeU, ...op.brIf(1)],
      [...op.get(L.i0), ...op.set(L.iFrom)],
      clampStart(L.i0, P.m, 4),
      [...op.i32(0), ...op.set(L.j0)],
      op.block,
      op.loop,
      [...op.get(L.j0), ...op.get(P.n), ...op.i32GeU, ...op.brIf(1)],
      clampStart(L.j0, P.n, 8),
      ...init,
      ...setA,
      [...op.get(P.b), ...op.get(L.j0), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.set(L.pb)],
      ...kLoop,
      ...store,
      [...inc(L.j0, op.i32(8)), ...op.br(0)],
      op.end,
      op.end,
      [...inc(L.i0, op.i32(4)), ...op.br(0)],
      op.end,
      op.end,
    ],
  };
}

/** Chunk of k per gemmNN / gemmTN call: B's chunk (256 × n floats) stays in L2 while A's rows pass. */
export const K_CHUNK = 256;

export type ProductForm = 'nn' | 'tn' | 'nt';

/**
 * op(A)·op(B) (+ bias) into C, byte offsets and row strides (bytes) as the kernels take them,
 * m × n result, inner size k; A·Bᵀ needs `scratch`, k × n floats (Bᵀ is written there).
 * addToC: C += op(A)·op(B) (A·B and Aᵀ·B, n a multiple of 8), the sums going on in k order. A·B and Aᵀ·B go in chunks of `kChunk` values of k when n is a
 * multiple of 8 (each chunk adds to C in k order: the same sums as one pass), so a wide B (the
 * critic's 2620 × 256 first layer) is not streamed from memory once per four rows of A.
 */
export function runProduct(g: SimdGemm, form: ProductForm, a: number, b: number, c: number, bias: number | null, m: number, n: number, k: number, lda: number, ldb: number, ldc: number, scratch: number | null = null, kChunk = K_CHUNK, addToC = false): void {
  if (form === 'nt') {
    if (scratch === null) throw new Error('runProduct: A·Bᵀ needs a scratch buffer of k × n floats');
    // Bᵀ into scratch (k × n), then A·(Bᵀ): each sum in k order, as a transpose and a plain product
    g.transpose(b, scratch, n, k, ldb, 4 * n);
    runProduct(g, 'nn', a, scratch, c, bias, m, n, k, lda, 4 * n, ldc, null, kChunk);
    return;
  }
  if (addToC && n % 8 !== 0) throw new Error('runProduct: adding to C needs n a multiple of 8');
  const chunk = n % 8 === 0 ? kChunk : k;
  for (let k0 = 0; k0 < k; k0 += chunk) {
    const kc = Math.min(chunk, k - k0);
    const init = k0 > 0 || addToC ? 2 : bias !== null ? 1 : 0;
    // the chunk's A: columns k0… of A (nn) or rows k0… of the stored Aᵀ (tn); B: rows k0…
    const aChunk = form === 'nn' ? a + 4 * k0 : a + lda * k0;
    if (form === 'nn') g.gemmNN(aChunk, b + ldb * k0, c, bias ?? 0, init, m, n, kc, lda, ldb, ldc);
    else g.gemmTN(aChunk, b + ldb * k0, c, bias ?? 0, init, m, n, kc, lda, ldb, ldc);
  }
}

/** 4 × 4 tiles: four row loads, two rounds of shuffles, four column stores */
function transposeFunction(): FunctionDef {
  const P = { src: 0, dst: 1, rows: 2, cols: 3, lds: 4, ldd: 5 };
  const [i0, j0, sp, dp] = [6, 7, 8, 9];
  const r = [10, 11, 12, 13];
  const t = [14, 15, 16, 17];
  const sh = (u: number, v: number, lanes: number[]) => [...op.get(u), ...op.get(v), ...x.shuffleF32(lanes)];
  return {
    name: 'transpose',
    params: repeat(6, I32),
    locals: [I32, I32, I32, I32, V128, V128, V128, V128, V128, V128, V128, V128],
    body: [
      [...op.i32(0), ...op.set(i0)],
      op.block,
      op.loop,
      [...op.get(i0), ...op.get(P.rows), ...op.i32GeU, ...op.brIf(1)],
      clampStart(i0, P.rows, 4),
      [...op.i32(0), ...op.set(j0)],
      op.block,
      op.loop,
      [...op.get(j0), ...op.get(P.cols), ...op.i32GeU, ...op.brIf(1)],
      clampStart(j0, P.cols, 4),
      [...op.get(P.src), ...op.get(i0), ...op.get(P.lds), ...op.i32Mul, ...op.i32Add, ...op.get(j0), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.set(sp)],
      ...r.map((v) => [...op.get(sp), ...op.v128Load(), ...op.set(v), ...inc(sp, op.get(P.lds))]),
      [...sh(r[0], r[1], [0, 4, 1, 5]), ...op.set(t[0])],
      [...sh(r[0], r[1], [2, 6, 3, 7]), ...op.set(t[1])],
      [...sh(r[2], r[3], [0, 4, 1, 5]), ...op.set(t[2])],
      [...sh(r[2], r[3], [2, 6, 3, 7]), ...op.set(t[3])],
      [...op.get(P.dst), ...op.get(j0), ...op.get(P.ldd), ...op.i32Mul, ...op.i32Add, ...op.get(i0), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.set(dp)],
      ...[
        [t[0], t[2], [0, 1, 4, 5]],
        [t[0], t[2], [2, 3, 6, 7]],
        [t[1], t[3], [0, 1, 4, 5]],
        [t[1], t[3], [2, 3, 6, 7]],
      ].map(([u, v, lanes]) => [...op.get(dp), ...sh(u as number, v as number, lanes as number[]), ...op.v128Store(), ...inc(dp, op.get(P.ldd))]),
      [...inc(j0, op.i32(4)), ...op.br(0)],
      op.end,
      op.end,
      [...inc(i0, op.i32(4)), ...op.br(0)],
      op.end,
      op.end,
    ],
  };
}

const FUNCTIONS = [() => gemm48(false), () => gemm48(true), transposeFunction];

/** The encoded module (tests: it must validate wherever WebAssembly SIMD exists). */
export function encodedGemmModule(shared = false): Uint8Array<ArrayBuffer> {
  return encodeModule(
    FUNCTIONS.map((f) => f()),
    shared,
  );
}

const cache = new WeakMap<WebAssembly.Memory, SimdGemm | null>();

/** The products bound to `memory` (instantiated once per memory), or null without WebAssembly SIMD. */
export function simdGemmFor(memory: WebAssembly.Memory): SimdGemm | null {
  return instanceOnMemory(cache, memory, encodedGemmModule);
}
