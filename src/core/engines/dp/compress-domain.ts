/**
 * MST's domain compression: codes whose noisy one-way count is below 3 sigma (too rare to tell
 * from noise) are merged into one group before the two-way marginals are measured, so the noise
 * of the two-way measurements is not spread over cells that hold almost nobody. Pure
 * post-processing of the noisy counts. A sampled group is expanded back to one of its codes in
 * proportion to their (clipped) noisy counts, plus half a row each so every code stays possible.
 */
export interface CompressedDomain {
  /** code → group */
  groupOf: number[];
  groups: number;
  /** per group: its codes and their cumulative expansion probabilities */
  members: number[][];
  cumulative: number[][];
}

export function compressDomain(noisy: ArrayLike<number>, sigma: number, threshold = 3): CompressedDomain {
  const k = noisy.length;
  const groupOf: number[] = new Array(k);
  const members: number[][] = [];
  const rare: number[] = [];
  for (let c = 0; c < k; c++) {
    if (noisy[c] >= threshold * sigma) {
      groupOf[c] = members.length;
      members.push([c]);
    } else rare.push(c);
  }
  if (rare.length > 0) {
    const g = members.length;
    for (const c of rare) groupOf[c] = g;
    members.push(rare);
  }
  const cumulative = members.map((codes) => {
    const w = codes.map((c) => Math.max(0, noisy[c]) + 0.5);
    const total = w.reduce((s, x) => s + x, 0);
    let acc = 0;
    return w.map((x) => (acc += x / total));
  });
  return { groupOf, groups: members.length, members, cumulative };
}
