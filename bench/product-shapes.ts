/**
 * The UCI training step's matrix products, SIMD kernels (matrix-product.ts) against the tfjs ops
 * they replace (explicit transpose + matMul, fused matMul for the bias), wasm backend, Node:
 *   node --import tsx bench/product-shapes.ts [rounds]
 * Per shape: CPU ms per call (median over alternating rounds of 8 calls each), GFLOP/s, ratio.
 * Each call gets a fresh B (as a step after Adam's update: nothing packed can be reused).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { disableSimdProducts, matrixProduct, simdProductsActive, type ProductOptions } from '../src/core/gan/matrix-product';

await tf.setBackend('wasm');
await tf.ready();
const rounds = Number(process.argv[2] ?? 9);
// [label, m, k, n, form, calls per step]: form nn (bias), tn (Aᵀ·B, A stored k × m), nt (A·Bᵀ, B stored n × k)
const shapes: [string, number, number, number, 'nn' | 'nnb' | 'tn' | 'nt', number][] = [
  ['G block 0 forward', 500, 207, 256, 'nnb', 2],
  ['G block 1 forward', 500, 463, 256, 'nnb', 2],
  ['G output forward', 500, 719, 183, 'nnb', 2],
  ['D layer 1 forward (real+fake)', 100, 2620, 256, 'nnb', 1],
  ['D layer 1 forward (G step)', 50, 2620, 256, 'nnb', 1],
  ['D layer 2 forward', 150, 256, 256, 'nnb', 1],
  ['D layer 2 forward (G step)', 50, 256, 256, 'nnb', 1],
  ['D δ·W2ᵀ', 150, 256, 256, 'nt', 1],
  ['D g = δ·W1ᵀ', 50, 256, 2620, 'nt', 2],
  ['D ∂W1 = Xᵀ·δ', 2620, 150, 256, 'tn', 1],
  ['D q·W1', 50, 2620, 256, 'nn', 1],
  ['D ∂W2', 256, 150, 256, 'tn', 1],
  ['D q·W2', 50, 256, 256, 'nn', 1],
  ['G up·W2ᵀ', 50, 256, 256, 'nt', 1],
  ['G ∂Wo = hᵀ·dRaw', 719, 500, 183, 'tn', 1],
  ['G dRaw·Wo[0:512]ᵀ', 500, 183, 512, 'nt', 1],
  ['G ∂W1', 463, 500, 256, 'tn', 1],
  ['G dA·W1[0:256]ᵀ', 500, 256, 256, 'nt', 1],
  ['G ∂W0', 207, 500, 256, 'tn', 1],
];
let seed = 7;
const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
const tensor = (r: number, c: number) => tf.tensor2d(Float32Array.from({ length: r * c }, rnd), [r, c]);
const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)];
console.log(JSON.stringify({ simd: simdProductsActive() }));
const calls = 8;
let totalOps = 0;
let totalSimd = 0;
for (const [label, m, k, n, form, perStep] of shapes) {
  const a = form === 'tn' ? tensor(k, m) : tensor(m, k);
  const bs = Array.from({ length: calls }, () => (form === 'nt' ? tensor(n === 512 ? 719 : n, k) : tensor(k, n)));
  const bias = tf.tensor1d(Float32Array.from({ length: n }, rnd));
  const opts: ProductOptions = { transposeA: form === 'tn', transposeB: form === 'nt', bias: form === 'nnb' ? bias : undefined, bRows: form === 'nt' ? n : undefined };
  const time = (simd: boolean) => {
    disableSimdProducts(!simd);
    const t0 = process.cpuUsage();
    for (const b of bs) matrixProduct(a, b, opts).dispose();
    const t = process.cpuUsage(t0);
    return (t.user + t.system) / 1000 / calls;
  };
  // check the two agree, then warm both
  disableSimdProducts(false);
  const x = matrixProduct(a, bs[0], opts);
  disableSimdProducts(true);
  const y = matrixProduct(a, bs[0], opts);
  const diff = tf.max(tf.abs(tf.sub(x, y))).dataSync()[0];
  x.dispose();
  y.dispose();
  const ops: number[] = [];
  const simd: number[] = [];
  for (let r = 0; r < rounds; r++) {
    ops.push(time(false));
    simd.push(time(true));
  }
  const ratios = ops.map((o, i) => simd[i] / o);
  const gflop = (2 * m * n * k) / 1e9;
  const [mo, ms] = [median(ops), median(simd)];
  totalOps += mo * perStep;
  totalSimd += ms * perStep;
  console.log(
    JSON.stringify({ label, shape: `${m}x${k}.${k}x${n} ${form}`, ops_ms: +mo.toFixed(3), simd_ms: +ms.toFixed(3), ratio: +median(ratios).toFixed(3), ops_gflops: +(gflop / mo * 1e3).toFixed(1), simd_gflops: +(gflop / ms * 1e3).toFixed(1), max_abs_diff: diff }),
  );
  a.dispose();
  bs.forEach((b) => b.dispose());
  bias.dispose();
}
disableSimdProducts(false);
console.log(JSON.stringify({ per_step_ops_ms: +totalOps.toFixed(2), per_step_simd_ms: +totalSimd.toFixed(2) }));
