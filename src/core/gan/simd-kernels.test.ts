import { expect, test } from 'vitest';
import { encodedSimdModule, simdKernelsFor } from './simd-kernels';
import { sinCos2PiF32x4 } from './simd-math';
import { encodeModule, I32, op, sleb, uleb, V128, type FunctionDef } from './wasm-encoder';

test('LEB128 encodings (spec examples)', () => {
  expect(uleb(0)).toEqual([0]);
  expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
  expect(sleb(-1)).toEqual([0x7f]);
  expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
  expect(sleb(64)).toEqual([0xc0, 0x00]);
});

test('the encoded module validates, for a plain and a shared memory', () => {
  expect(WebAssembly.validate(encodedSimdModule(false))).toBe(true);
  expect(WebAssembly.validate(encodedSimdModule(true))).toBe(true);
});

test('adam on its own memory: hand-computed float64 reference within float32 rounding, tail included', () => {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const k = simdKernelsFor(memory);
  expect(k).not.toBeNull();
  const n = 11;
  const f = new Float32Array(memory.buffer);
  const block = 64;
  for (let i = 0; i < n; i++) {
    f[i] = Math.sin(i);
    f[block + i] = Math.cos(3 * i);
    f[2 * block + i] = 0.1 * i;
    f[3 * block + i] = 0.01 * i;
  }
  const at = (j: number) => j * block * 4;
  const [lr, b1, b2, bc2, eps, wd] = [0.1, 0.5, 0.9, 0.3, 1e-8, 1e-2];
  k!.adam(at(0), at(1), at(2), at(3), at(4), at(5), at(6), n, lr, b1, 1 - b1, b2, 1 - b2, 1 / Math.sqrt(bc2), eps, wd);
  for (let i = 0; i < n; i++) {
    const p = f[i];
    const g = f[block + i] + wd * p;
    const m = b1 * f[2 * block + i] + (1 - b1) * g;
    const v = b2 * f[3 * block + i] + (1 - b2) * g * g;
    expect(f[5 * block + i]).toBeCloseTo(m, 6);
    expect(f[6 * block + i]).toBeCloseTo(v, 6);
    expect(f[4 * block + i]).toBeCloseTo(p - (lr * m) / (Math.sqrt(v) / Math.sqrt(bc2) + eps), 6);
  }
  // nothing past n was written
  expect(f[4 * block + n]).toBe(0);
  // the same memory gives the same instance
  expect(simdKernelsFor(memory)).toBe(k);
});

test('gumbel: −log(−log(clip(u))) within 1e-6 of the float64 formula, edges and clip included', () => {
  const memory = new WebAssembly.Memory({ initial: 2 });
  const k = simdKernelsFor(memory)!;
  const n = 4003;
  const u = new Float32Array(memory.buffer, 0, n);
  const out = new Float32Array(memory.buffer, 4 * 4096, n);
  const edges = [0, 1e-12, 1e-10, 2e-10, 1e-5, 0.5, 0.70710677, 0.7071068, 0.99999994, 0.99999988, 0.999, 1, 1e-38];
  for (let i = 0; i < n; i++) u[i] = i < edges.length ? edges[i] : (i + 0.5) / n;
  k.gumbel(u.byteOffset, out.byteOffset, n);
  const hi = Math.fround(1 - 1e-7);
  for (let i = 0; i < (n & ~3); i++) {
    const ref = -Math.log(-Math.log(Math.min(Math.max(u[i], 1e-10), hi)));
    expect(Math.abs(out[i] - ref)).toBeLessThan(1e-6 * Math.max(1, Math.abs(ref)));
  }
  // the n mod 4 rest is the caller's
  expect(out[n - 1]).toBe(0);
});

test('concatRows: rows of a then b', () => {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const k = simdKernelsFor(memory)!;
  const f = new Float32Array(memory.buffer);
  for (let i = 0; i < 6; i++) f[i] = i + 1; // a: 3 rows × 2
  for (let i = 0; i < 3; i++) f[16 + i] = 10 * (i + 1); // b: 3 rows × 1
  k.concatRows(0, 64, 128, 3, 8, 4);
  expect(Array.from(f.subarray(32, 41))).toEqual([1, 2, 10, 3, 4, 20, 5, 6, 30]);
});

test('binds to a shared memory too (the threaded tfjs build) and works there', () => {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
  const k = simdKernelsFor(memory);
  expect(k).not.toBeNull();
  const f = new Float32Array(memory.buffer);
  f.set([1, 2, 3, 4], 0);
  f.set([5, 6], 8);
  k!.concatRows(0, 32, 64, 2, 8, 4);
  expect(Array.from(f.subarray(16, 22))).toEqual([1, 2, 5, 3, 4, 6]);
});

test('sinCos2PiF32x4: sin and cos of 2πw within 3e-7 over [−½, ½), quarter-turn edges included', () => {
  // a one-function module around the building block: sinCos(in, sinOut, cosOut) for four values
  const [src, sinOut, cosOut, w, s, c] = [0, 1, 2, 3, 4, 5];
  const fn: FunctionDef = {
    name: 'sinCos',
    params: [I32, I32, I32],
    locals: [V128, V128, V128, V128, V128, V128, V128, V128, V128],
    body: [
      [...op.get(src), ...op.v128Load(), ...op.set(w)],
      ...sinCos2PiF32x4(w, s, c, [6, 7, 8, 9, 10, 11]),
      [...op.get(sinOut), ...op.get(s), ...op.v128Store()],
      [...op.get(cosOut), ...op.get(c), ...op.v128Store()],
    ],
  };
  const memory = new WebAssembly.Memory({ initial: 1 });
  const bytes = encodeModule([fn], false);
  expect(WebAssembly.validate(bytes)).toBe(true);
  const sinCos = (new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as { sinCos: (a: number, b: number, c: number) => void }).sinCos;
  const f = new Float32Array(memory.buffer);
  const edges = [-0.5, -0.375, -0.3750001, -0.25, -0.125, -0.12499999, 0, 1e-8, 0.125, 0.1250001, 0.25, 0.375, 0.49999997];
  const ws = [...edges, ...Array.from({ length: 4000 }, (_, i) => -0.5 + (i + 0.37) / 4000)];
  let worst = 0;
  for (let i = 0; i < ws.length; i += 4) {
    for (let k = 0; k < 4; k++) f[k] = ws[Math.min(i + k, ws.length - 1)];
    sinCos(0, 16, 32);
    for (let k = 0; k < 4; k++) {
      const x = 2 * Math.PI * f[k];
      worst = Math.max(worst, Math.abs(f[4 + k] - Math.sin(x)), Math.abs(f[8 + k] - Math.cos(x)));
    }
  }
  expect(worst).toBeLessThan(3e-7);
  // exact quarter turns
  f.set([-0.5, -0.25, 0, 0.25]);
  sinCos(0, 16, 32);
  expect(Array.from(f.subarray(4, 8)).map((v) => Math.round(v * 1e6) / 1e6 + 0)).toEqual([0, -1, 0, 1]);
  expect(Array.from(f.subarray(8, 12)).map((v) => Math.round(v * 1e6) / 1e6 + 0)).toEqual([-1, 0, 1, 0]);
});
