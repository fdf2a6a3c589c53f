import { expect, test } from 'vitest';
import { encodedSimdModule, simdKernelsFor } from './simd-kernels';
import { sleb, uleb } from './wasm-encoder';

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
