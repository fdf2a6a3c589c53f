import type { Rng } from '../../util/random.ts';

/**
 * Noise for a real release: uniform numbers from the platform's cryptographic generator
 * (crypto.getRandomValues, in browsers, workers and Node), normals by Box-Muller. The seeded
 * generator of util/random.ts has a 32-bit state: whoever knows or guesses the seed can recompute
 * the noise and subtract it, so the Train screen fits with this one; tests and benchmarks use the
 * seeded one for reproducibility. (Floating-point attacks on the Gaussian sampler, Mironov 2012,
 * are not addressed; see docs/DIFFERENTIAL_PRIVACY.md.)
 */
export function createSecureRng(): Rng {
  const buffer = new Uint32Array(256);
  let index = buffer.length;
  const word = (): number => {
    if (index >= buffer.length) {
      globalThis.crypto.getRandomValues(buffer);
      index = 0;
    }
    return buffer[index++];
  };
  // 53 random bits: [0, 1)
  const next = () => ((word() >>> 5) * 67108864 + (word() >>> 6)) / 9007199254740992;
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    normal: () => {
      let u = 0;
      while (u === 0) u = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
  };
}
