import type { GenIdentifierColumn } from '../../../worker/generate-api';
import type { IdentifierMode } from '../../../core/generate/placeholders';

/** Identifier and text columns: never learnt or copied; filled with local placeholders of the same shape, or dropped. */
export function IdentifierOptions({ columns, modes, onChange, disabled }: { columns: GenIdentifierColumn[]; modes: Record<string, IdentifierMode>; onChange: (m: Record<string, IdentifierMode>) => void; disabled?: boolean }) {
  if (columns.length === 0) return null;
  return (
    <fieldset className="identifiers" disabled={disabled} data-testid="identifier-options">
      <legend>Identifier and text columns</legend>
      <p className="muted small">
        The model never sees these columns and no real value is ever copied: each is filled with made-up values of the same shape (generated here, seeded), or left
        out of the output.
      </p>
      <table className="schema-table identifier-table">
        <thead>
          <tr>
            <th>Column</th>
            <th>Role</th>
            <th>In the output</th>
            <th>Looks like</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => {
            const mode = modes[c.name] ?? 'placeholder';
            return (
              <tr key={c.name} data-column={c.name}>
                <td>{c.name}</td>
                <td>{c.role}</td>
                <td>
                  <select aria-label={`Output of ${c.name}`} value={mode} onChange={(e) => onChange({ ...modes, [c.name]: e.target.value as IdentifierMode })} data-testid={`identifier-mode-${c.name}`}>
                    <option value="placeholder">placeholders</option>
                    <option value="drop">drop the column</option>
                  </select>
                </td>
                <td className="small">
                  {mode === 'drop' ? (
                    '—'
                  ) : (
                    <>
                      {c.description}: <span className="mono">{c.examples.join(', ')}</span>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}
