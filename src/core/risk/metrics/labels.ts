/** Shared input checks for binary classifier metrics: y_true in {0, 1}, finite scores, equal lengths. */
export function checkBinaryInputs(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): void {
  if (yTrue.length !== yScore.length) {
    throw new Error(`y_true has ${yTrue.length} values but y_score has ${yScore.length}`);
  }
  for (let i = 0; i < yTrue.length; i++) {
    const y = yTrue[i];
    if (y !== 0 && y !== 1) throw new Error(`y_true[${i}] = ${y}; labels must be 0 or 1`);
    if (!Number.isFinite(yScore[i])) throw new Error(`y_score[${i}] = ${yScore[i]} is not a finite number`);
  }
}

export function countPositives(yTrue: ArrayLike<number>): number {
  let p = 0;
  for (let i = 0; i < yTrue.length; i++) p += yTrue[i];
  return p;
}
