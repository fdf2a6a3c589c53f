import type { DpGuarantee } from '../../../core/engines';

const STEP_NAMES: Record<string, string> = {
  bins: 'bin cut points (private histogram)',
  copula: 'within-bin dependence of the numeric columns',
  'one-way': 'one-way marginal',
  select: 'choice of the pair tree (exponential mechanism)',
  'two-way': 'two-way marginal',
};

/** The differential-privacy guarantee of the current model: the budget and where it went. */
export function DpBudgetPanel({ privacy }: { privacy: DpGuarantee }) {
  const byStep = new Map<string, number>();
  for (const m of privacy.measurements) byStep.set(m.step, (byStep.get(m.step) ?? 0) + m.rho);
  return (
    <section className="train-panel dp-budget" aria-label="Privacy budget" data-testid="dp-budget">
      <h3>Privacy guarantee</h3>
      <p>
        <strong data-testid="dp-epsilon">epsilon = {privacy.epsilon.toPrecision(3)}</strong>, <strong data-testid="dp-delta">delta = {privacy.delta.toExponential(2)}</strong> ({privacy.accounting}, rho ={' '}
        {privacy.rho.toPrecision(4)}, all of it spent: {privacy.rhoSpent.toPrecision(4)}). Mechanism: {privacy.mechanism}. Neighbouring data sets: {privacy.neighbouring}.
      </p>
      <p className="notice" data-testid="dp-unprotected">{privacy.unprotected}</p>
      <table className="small" data-testid="dp-budget-steps">
        <caption>Where the budget went</caption>
        <thead>
          <tr>
            <th scope="col">step</th>
            <th scope="col">share of rho</th>
          </tr>
        </thead>
        <tbody>
          {[...byStep].map(([step, rho]) => (
            <tr key={step}>
              <td>{STEP_NAMES[step] ?? step}</td>
              <td>{((100 * rho) / privacy.rho).toFixed(1)} %</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details>
        <summary>Every measurement ({privacy.measurements.length})</summary>
        <table className="small" data-testid="dp-measurements">
          <thead>
            <tr>
              <th scope="col">step</th>
              <th scope="col">columns</th>
              <th scope="col">mechanism</th>
              <th scope="col">rho</th>
              <th scope="col">noise</th>
            </tr>
          </thead>
          <tbody>
            {privacy.measurements.map((m, i) => (
              <tr key={i}>
                <td>{STEP_NAMES[m.step] ?? m.step}</td>
                <td>{m.step === 'select' ? `all ${m.columns.length}` : m.columns.join(' × ')}</td>
                <td>{m.mechanism}</td>
                <td>{m.rho.toExponential(2)}</td>
                <td>
                  {m.sigma !== undefined ? `Gaussian, sigma ${m.sigma.toFixed(1)} rows per cell` : ''}
                  {m.epsilonEach !== undefined ? `epsilon ${m.epsilonEach.toPrecision(3)} per choice, ${m.uses} choices` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
