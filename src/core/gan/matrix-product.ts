import * as tf from '@tensorflow/tfjs';
import { K_CHUNK, runProduct, simdGemmFor, type ProductForm, type SimdGemm } from './simd-gemm';

/**
 * The training step's matrix products: A·B (+ bias), Aᵀ·B and A·Bᵀ. On the wasm backend with
 * WebAssembly SIMD they run as simd-gemm.ts's kernels on the backend's heap (operands read
 * transposed in place: no Transpose kernel, no copy); elsewhere (cpu, WebGL, WebGPU, no SIMD,
 * shapes under the kernels' block) as the tfjs ops the step used before: an explicit transpose
 * and a plain matMul (tfjs-backend-wasm's transposed matMul is the slow one) and tf.fused.matMul
 * for the bias. No gradient is registered: the callers derive their gradients by hand and call
 * this outside any tape (a taped use would fail loudly, not silently).
 */
export interface ProductOptions {
  /** use Aᵀ (A stored K × M) */
  transposeA?: boolean;
  /** use Bᵀ (B stored N × K) */
  transposeB?: boolean;
  /** with transposeB: only B's first `bRows` rows (N = bRows), i.e. A·B[0:bRows]ᵀ */
  bRows?: number;
  /** added to every row (not with the transposed forms) */
  bias?: tf.Tensor1D;
  /**
   * with transposeA: A's rows continue with these ([A; below]ᵀ·B, B's first rows pairing with A's):
   * the two parts summed in row order into one result, without the row concat
   */
  below?: tf.Tensor2D;
}

const KERNEL = 'SynthCreditMatrixProduct';
/** 0: A·B, 1: Aᵀ·B, 2: A·Bᵀ, 3: [A; A2]ᵀ·B */
type Form = 0 | 1 | 2 | 3;
const FORMS: readonly ProductForm[] = ['nn', 'tn', 'nt', 'tn'];
interface Attrs {
  form: Form;
  n: number;
}

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
  disposeData(dataId: tf.DataId, force?: boolean): boolean;
  wasm?: { asm?: { memory?: unknown }; wasmMemory?: unknown };
}

function gemmOf(backend: WasmBackendLike, view: Float32Array): SimdGemm | null {
  const memory = backend.wasm?.asm?.memory ?? backend.wasm?.wasmMemory;
  if (!(memory instanceof WebAssembly.Memory) || memory.buffer !== view.buffer) return null;
  return simdGemmFor(memory);
}

if (!tf.getKernel(KERNEL, 'wasm')) {
  tf.registerKernel({
    kernelName: KERNEL,
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const wb = backend as unknown as WasmBackendLike;
      const { form, n } = attrs as unknown as Attrs;
      const a = inputs.a as tf.TensorInfo;
      const b = inputs.b as tf.TensorInfo;
      const bias = inputs.bias as tf.TensorInfo | undefined;
      const below = inputs.below as tf.TensorInfo | undefined;
      const [ar, ac] = a.shape;
      const m = form === 1 || form === 3 ? ac : ar;
      const k = form === 1 || form === 3 ? ar : ac;
      // allocate first: an allocation may grow the heap, which detaches earlier views
      const out = wb.makeOutput([m, n], 'float32');
      // A·Bᵀ: Bᵀ (k × n) in a scratch buffer, freed below
      const scratch = form === 2 ? wb.makeOutput([k, n], 'float32') : null;
      const scratchOffset = scratch ? wb.typedArrayFromHeap(scratch).byteOffset : null;
      const cv = wb.typedArrayFromHeap(out);
      const av = wb.typedArrayFromHeap(a);
      const bv = wb.typedArrayFromHeap(b);
      const gemm = gemmOf(wb, cv);
      if (!gemm) throw new Error(`${KERNEL}: the wasm heap or WebAssembly SIMD was not found`);
      const lda = 4 * ac;
      const ldb = 4 * b.shape[1];
      const biasOffset = bias ? wb.typedArrayFromHeap(bias).byteOffset : null;
      runProduct(gemm, FORMS[form], av.byteOffset, bv.byteOffset, cv.byteOffset, biasOffset, m, n, k, lda, ldb, 4 * n, scratchOffset);
      // [A; A2]ᵀ·B: A2's rows pair with B's rows from k on, added to C in row order (n is a multiple of 8 here)
      if (below) runProduct(gemm, 'tn', wb.typedArrayFromHeap(below).byteOffset, bv.byteOffset + ldb * k, cv.byteOffset, null, m, n, below.shape[0], lda, ldb, 4 * n, null, K_CHUNK, true);
      if (scratch) wb.disposeData(scratch.dataId, true);
      return out;
    },
  });
}

let enabled = true;
/** Turns the SIMD products off (true) or back on: tests and benchmarks compare them with the ops. */
export function disableSimdProducts(disabled: boolean): void {
  enabled = !disabled;
}

const bound = new WeakMap<object, boolean>();
/** Whether the active backend runs the SIMD products (wasm backend with WebAssembly SIMD, not disabled). */
export function simdProductsActive(): boolean {
  if (!enabled || tf.getBackend() !== 'wasm') return false;
  const backend = tf.backend() as unknown as WasmBackendLike;
  let ok = bound.get(backend);
  if (ok === undefined) {
    const probe = tf.zeros([4]);
    ok = gemmOf(backend, backend.typedArrayFromHeap(probe as unknown as tf.TensorInfo)) !== null;
    probe.dispose();
    bound.set(backend, ok);
  }
  return ok;
}

/** The product op(A)·op(B) (+ bias) of 2-D float32 tensors; see ProductOptions. */
export function matrixProduct(a: tf.Tensor2D, b: tf.Tensor2D, options: ProductOptions = {}): tf.Tensor2D {
  const { transposeA = false, transposeB = false, bias, below } = options;
  if (below && (!transposeA || below.shape[1] !== a.shape[1] || a.shape[0] + below.shape[0] !== b.shape[0])) throw new Error('matrixProduct: below needs transposeA, A’s columns and B’s remaining rows');
  if (transposeA && transposeB) throw new Error('matrixProduct: Aᵀ·Bᵀ is not supported');
  if (bias && (transposeA || transposeB)) throw new Error('matrixProduct: a bias only with A·B');
  const bRows = options.bRows ?? b.shape[0];
  if (options.bRows !== undefined && (!transposeB || bRows > b.shape[0])) throw new Error('matrixProduct: bRows needs transposeB and at most B’s rows');
  const form: Form = below ? 3 : transposeA ? 1 : transposeB ? 2 : 0;
  const m = transposeA ? a.shape[1] : a.shape[0];
  const k = (transposeA ? a.shape[0] : a.shape[1]) + (below ? below.shape[0] : 0);
  const n = transposeB ? bRows : b.shape[1];
  const kB = transposeB ? b.shape[1] : b.shape[0];
  if (k !== kB) throw new Error(`matrixProduct: inner sizes ${k} and ${kB} differ`);
  // the kernels' smallest block (see simd-gemm.ts); smaller products are a few flops anyway
  const fits = form === 2 ? m >= 4 && n >= 8 && k >= 4 : form === 3 ? m >= 4 && n % 8 === 0 && n > 0 && a.shape[0] > 0 && below!.shape[0] > 0 : m >= 4 && n >= 8 && k >= 1;
  if (fits && a.dtype === 'float32' && b.dtype === 'float32' && simdProductsActive()) {
    const inputs: tf.NamedTensorMap = bias ? { a, b, bias } : below ? { a, below, b } : { a, b };
    return tf.engine().runKernel(KERNEL, inputs, { form, n } as unknown as tf.NamedAttrMap) as tf.Tensor2D;
  }
  return tf.tidy(() => {
    if (form === 3) return tf.matMul(tf.transpose(tf.concat([a, below!], 0)), b);
    if (form === 1) return tf.matMul(tf.transpose(a), b);
    if (form === 2) return tf.matMul(a, tf.transpose(bRows === b.shape[0] ? b : tf.slice(b, [0, 0], [bRows, b.shape[1]])));
    return bias ? (tf.fused.matMul({ a, b, bias }) as tf.Tensor2D) : tf.matMul(a, b);
  });
}
