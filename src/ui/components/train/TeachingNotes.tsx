import type { EpochPoint, ProbePoint } from '../../../worker/gan-session';

/** What the current numbers mean, in plain words (for people learning how a GAN trains). */
function reading(last: EpochPoint | undefined, probes: ProbePoint[]): string {
  if (!last) return 'Training has not produced an epoch yet. The first epoch also warms up the compute backend, so it is the slowest.';
  const parts: string[] = [];
  if (last.lossD < 0) parts.push('D’s loss is below zero: it currently scores real rows higher than generated ones, so it can still tell them apart.');
  else parts.push('D’s loss is near or above zero: it can barely tell real from generated rows at the moment (or the gradient penalty dominates).');
  if (last.lossG > 0) parts.push('G’s loss is positive: D still rates its rows as less realistic than real ones; G keeps adjusting to fool it.');
  else parts.push('G’s loss is negative: D rates G’s rows as realistic; D will adapt, and the two losses keep trading places.');
  if (probes.length >= 2) {
    const a = probes[probes.length - 2].score;
    const b = probes[probes.length - 1].score;
    parts.push(b > a + 0.005 ? 'The quality probe improved since the last check.' : b < a - 0.005 ? 'The quality probe dropped a little; GAN training zig-zags, so the best checkpoint is kept.' : 'The quality probe is flat: more epochs may bring little.');
  }
  return parts.join(' ');
}

export function TeachingNotes({ epochs, probes }: { epochs: EpochPoint[]; probes: ProbePoint[] }) {
  return (
    <aside className="teaching-notes" aria-label="What is happening">
      <h4>What G and D are doing</h4>
      <p>
        The <strong>generator (G)</strong> turns random noise into table rows. The <strong>discriminator (D)</strong> (here a “critic”) sees real
        training rows and G’s rows and learns to score how real they look. Each step D gets better at spotting fakes, then G is nudged to fool
        the improved D. The losses do not fall steadily as in ordinary learning: they move as the two push against each other.
      </p>
      <p>
        Loss curves alone do not say whether the data is good, so every few epochs a <strong>quality probe</strong> generates 1,000 rows and
        compares them with real training rows: the shape of each column (1 = identical distributions) and how pairs of columns move together.
        The best-scoring weights are kept.
      </p>
      <p data-testid="teaching-reading">{reading(epochs.at(-1), probes)}</p>
    </aside>
  );
}
