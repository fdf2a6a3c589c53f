import { cardValue, VERDICT_WORDS, type ScoreCard, type Verdict } from '../../../core/quality/report';

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return (
    <span className={`verdict verdict-${verdict.level}`} data-testid="verdict" data-level={verdict.level}>
      {VERDICT_WORDS[verdict.level]}
    </span>
  );
}

/** The headline numbers, each with a plain verdict. */
export function ScoreCards({ cards }: { cards: ScoreCard[] }) {
  return (
    <div className="score-cards" data-testid="score-cards">
      {cards.map((c) => (
        <section key={c.id} className={`score-card level-${c.verdict.level}`} data-testid="score-card" data-card={c.id} aria-label={c.label}>
          <h4>{c.label}</h4>
          <div className="score-value" data-testid="score-value">
            {cardValue(c)}
          </div>
          <VerdictBadge verdict={c.verdict} />
          <p className="score-message">{c.verdict.message}</p>
          <p className="score-detail muted">{c.detail}</p>
        </section>
      ))}
    </div>
  );
}
