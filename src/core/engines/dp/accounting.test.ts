import { describe, expect, it } from 'vitest';
import { composeRho, defaultDelta, epsilonFromRho, exponentialEpsilon, exponentialRho, gaussianRho, gaussianSigma, rhoFromEpsilonDelta } from './accounting.ts';

describe('zCDP accounting', () => {
  it('converts rho to (epsilon, delta) with epsilon = rho + 2 sqrt(rho ln(1/delta))', () => {
    // rho = 0.5, delta = e^-2: 0.5 + 2 sqrt(0.5 * 2) = 2.5
    expect(epsilonFromRho(0.5, Math.exp(-2))).toBeCloseTo(2.5, 12);
    // rho = 1, delta = 1e-6: 1 + 2 sqrt(13.815510557964274) = 8.433802...
    expect(epsilonFromRho(1, 1e-6)).toBeCloseTo(1 + 2 * Math.sqrt(13.815510557964274), 12);
    expect(epsilonFromRho(0, 1e-6)).toBe(0);
  });

  it('inverts the conversion exactly', () => {
    // epsilon = 2.5, delta = e^-2: sqrt(rho) = sqrt(2 + 2.5) - sqrt(2) = 0.707106..., rho = 0.5
    expect(rhoFromEpsilonDelta(2.5, Math.exp(-2))).toBeCloseTo(0.5, 12);
    // epsilon = 1, delta = 1e-6: (sqrt(14.815510557964274) - sqrt(13.815510557964274))^2 = 0.017468904769...
    expect(rhoFromEpsilonDelta(1, 1e-6)).toBeCloseTo(0.01746890476912338, 14);
    for (const [e, d] of [[0.01, 1e-9], [1, 1e-6], [10, 1e-6], [100, 0.01]] as const) {
      expect(epsilonFromRho(rhoFromEpsilonDelta(e, d), d)).toBeCloseTo(e, 10);
    }
    expect(() => rhoFromEpsilonDelta(0, 1e-6)).toThrow(/epsilon/);
    expect(() => rhoFromEpsilonDelta(1, 0)).toThrow(/delta/);
  });

  it('gives the Gaussian mechanism its sigma: rho = Δ² / (2 sigma²)', () => {
    // rho = 0.02, Δ = 1: sigma = 1 / sqrt(0.04) = 5
    expect(gaussianSigma(0.02)).toBeCloseTo(5, 12);
    // Δ = 2: sigma = 2 / sqrt(0.04) = 10
    expect(gaussianSigma(0.02, 2)).toBeCloseTo(10, 12);
    expect(gaussianRho(5)).toBeCloseTo(0.02, 12);
  });

  it('prices the exponential mechanism at epsilon² / 8', () => {
    expect(exponentialEpsilon(0.125)).toBeCloseTo(1, 12);
    expect(exponentialRho(2)).toBeCloseTo(0.5, 12);
  });

  it('composes by adding rhos', () => {
    expect(composeRho([0.1, 0.2, 0.05])).toBeCloseTo(0.35, 12);
    // three Gaussian measurements with sigma 5, 10, 10: 0.02 + 0.005 + 0.005
    expect(composeRho([gaussianRho(5), gaussianRho(10), gaussianRho(10)])).toBeCloseTo(0.03, 12);
  });

  it('defaults delta to min(1e-6, 1 / n²)', () => {
    expect(defaultDelta(500)).toBe(1e-6);
    expect(defaultDelta(1000)).toBe(1e-6);
    expect(defaultDelta(24000)).toBeCloseTo(1 / 576e6, 20);
  });
});
