import { useState } from 'react';
import { useProject } from '../state/project';
import { worker } from '../worker-client';
import { EventClassPicker } from './EventClassPicker';
import { COLUMN_ROLES, type ColumnRole } from '../../core/data/schema';
import { DEFAULT_TWO_DIGIT_PIVOT, hasTwoDigitYear } from '../../core/data/infer/datetime';

const ROLE_LABELS: Record<ColumnRole, string> = {
  continuous: 'continuous',
  categorical: 'categorical',
  datetime: 'date/time',
  identifier: 'identifier (not modelled)',
  text: 'free text (not modelled)',
};

/** The inferred schema, with every role and the target open to the user's override. */
/** Wide files (thousands of columns) would make thousands of selects: show a page at a time. */
const PAGE_SIZE = 200;

interface RoleNotice {
  column: string;
  role: ColumnRole;
  lost: number;
  present: number;
  examples: string[];
  error?: string;
}

/** Says how many values a role change would turn into missing: refuses when all, asks when some. */
function RoleLossNotice({ notice, onConfirm, onCancel }: { notice: RoleNotice; onConfirm: () => void; onCancel: () => void }) {
  const n = (x: number) => x.toLocaleString('en-US');
  if (notice.error) {
    return (
      <div role="alert" className="error-box" data-testid="role-loss">
        {notice.error} <button type="button" onClick={onCancel}>Dismiss</button>
      </div>
    );
  }
  const all = notice.lost === notice.present;
  const eg = notice.examples.map((e) => `“${e}”`).join(', ');
  return (
    <div role="alert" className="error-box" data-testid="role-loss">
      {all
        ? `Not changed: as ${ROLE_LABELS[notice.role]}, all ${n(notice.present)} values of “${notice.column}” would become missing (e.g. ${eg}). Add a cleaning step that parses them first.`
        : `As ${ROLE_LABELS[notice.role]}, ${n(notice.lost)} of ${n(notice.present)} values of “${notice.column}” would become missing (e.g. ${eg}).`}{' '}
      {!all && (
        <button type="button" onClick={onConfirm} data-testid="role-loss-confirm">
          Change anyway
        </button>
      )}{' '}
      <button type="button" onClick={onCancel}>
        {all ? 'Dismiss' : 'Keep the role'}
      </button>
    </div>
  );
}

export function SchemaTable() {
  const { state, dispatch } = useProject();
  const [filter, setFilter] = useState('');
  const [limit, setLimit] = useState(PAGE_SIZE);
  const schema = state.dataset?.schema;
  if (!schema) return null;
  const needle = filter.trim().toLowerCase();
  const matching = needle ? schema.columns.filter((c) => c.name.toLowerCase().includes(needle)) : schema.columns;
  const shown = matching.slice(0, limit);

  const [roleNotice, setRoleNotice] = useState<RoleNotice | null>(null);
  // a role change that would turn values into missing is refused (all) or asked first (some)
  const setRole = async (column: string, role: ColumnRole, allowLoss = false) => {
    setRoleNotice(null);
    try {
      if (!allowLoss) {
        const loss = await worker().previewRole(column, role);
        if (loss.lost > 0) {
          setRoleNotice({ column, role, ...loss });
          return;
        }
      }
      dispatch({ type: 'schema-changed', schema: await worker().setRole(column, role, { allowLoss }) });
    } catch (e) {
      setRoleNotice({ column, role, lost: 0, present: 0, examples: [], error: (e as Error).message });
    }
  };
  const setPivot = async (column: string, text: string) => {
    const pivot = Number(text);
    if (!Number.isInteger(pivot) || pivot < 0 || pivot > 99) return;
    dispatch({ type: 'schema-changed', schema: await worker().setTwoDigitYearPivot(column, pivot) });
  };
  const setTarget = async (column: string) => {
    dispatch({ type: 'schema-changed', schema: await worker().setTarget(column === '' ? null : column) });
  };
  const binaryCandidates = schema.columns.filter((c) => c.distinct === 2 || c.name === schema.target);

  return (
    <section aria-labelledby="schema-title" className="schema">
      <h3 id="schema-title">Columns and their roles</h3>
      <p>
        <label>
          Target (what risk models predict){' '}
          <select aria-label="Target column" data-testid="target-select" value={schema.target ?? ''} onChange={(e) => void setTarget(e.target.value)}>
            <option value="">(none)</option>
            {binaryCandidates.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </p>
      <EventClassPicker />
      {roleNotice && <RoleLossNotice notice={roleNotice} onConfirm={() => void setRole(roleNotice.column, roleNotice.role, true)} onCancel={() => setRoleNotice(null)} />}
      {schema.columns.length > PAGE_SIZE && (
        <p>
          <label>
            Find a column{' '}
            <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Find a column" />
          </label>{' '}
          <span className="muted">
            showing {shown.length.toLocaleString('en-US')} of {matching.length.toLocaleString('en-US')} matching columns
          </span>
        </p>
      )}
      <div className="table-scroll">
        <table className="schema-table" data-testid="schema-table">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Role</th>
              <th scope="col">Why</th>
              <th scope="col">Missing</th>
              <th scope="col">Distinct</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <tr key={c.name} data-column={c.name} data-role={c.role}>
                <th scope="row">{c.name}</th>
                <td>
                  <select aria-label={`Role of ${c.name}`} value={c.role} onChange={(e) => void setRole(c.name, e.target.value as ColumnRole)}>
                    {COLUMN_ROLES.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABELS[r]}
                      </option>
                    ))}
                  </select>
                  {c.role !== c.inferredRole && <span className="muted"> (inferred: {ROLE_LABELS[c.inferredRole]})</span>}
                  {c.role === 'datetime' && c.datetimeFormat && hasTwoDigitYear(c.datetimeFormat) && (
                    <label className="pivot">
                      {' '}two-digit years up to 20
                      <input
                        type="number"
                        min={0}
                        max={99}
                        defaultValue={c.twoDigitYearPivot ?? DEFAULT_TWO_DIGIT_PIVOT}
                        aria-label={`Two-digit year pivot of ${c.name}`}
                        onBlur={(e) => void setPivot(c.name, e.target.value)}
                        style={{ width: '4em' }}
                      />
                      , later ones 19YY
                    </label>
                  )}
                </td>
                <td className="reason">{c.reason}</td>
                <td>{c.missing.toLocaleString('en-US')}</td>
                <td>{c.distinct.toLocaleString('en-US')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {matching.length > shown.length && (
        <button type="button" onClick={() => setLimit((l) => l + PAGE_SIZE)}>
          Show {Math.min(PAGE_SIZE, matching.length - shown.length)} more columns
        </button>
      )}
    </section>
  );
}
