/** The seed of a run: a whole number from 0, so the same settings give the same rows again. */
export function SeedInput({ seed, onChange, testId }: { seed: number; onChange: (seed: number) => void; testId: string }) {
  return (
    <label className="small">
      Seed{' '}
      <input type="number" className="narrow" value={seed} onChange={(e) => onChange(Math.max(0, Math.floor(Number(e.target.value) || 0)))} data-testid={testId} />
    </label>
  );
}
