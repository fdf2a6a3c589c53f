import type { RunRow } from '../../../worker/validate-api';
import { fmtNum } from '../explore/format';

function settingsText(r: RunRow): string {
  const t = r.training;
  if (!t) return 'settings not recorded';
  const s = t.settings ?? {};
  const parts: string[] = [];
  const dims = (v: unknown) => (Array.isArray(v) ? v.join('/') : String(v));
  if (typeof s.engine === 'string') parts.push(s.engine);
  if (typeof s.epsilon === 'number') parts.push(`differentially private: epsilon ${s.epsilon.toPrecision(3)}, delta ${Number(s.delta).toExponential(1)}`);
  if (s.epochs !== undefined) parts.push(`${String(s.epochs)} epochs${t.usedEpoch !== null && t.usedEpoch !== s.epochs ? ` (best: ${t.usedEpoch})` : ''}`);
  if (s.batchSize !== undefined) parts.push(`batch ${String(s.batchSize)}`);
  if (s.generatorDims !== undefined) parts.push(`G ${dims(s.generatorDims)}`);
  if (s.discriminatorDims !== undefined) parts.push(`D ${dims(s.discriminatorDims)}`);
  if (s.lrG !== undefined) parts.push(`lr ${String(s.lrG)}`);
  if (s.seed !== undefined) parts.push(`seed ${String(s.seed)}`);
  if (t.loaded) parts.push('loaded model');
  if (t.backend) parts.push(t.backend);
  return parts.join(' · ');
}

function seconds(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return '–';
  if (s < 60) return `${Math.round(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** Every synthetic set of this session, side by side; the best validated one is marked. */
export function RunHistoryTable({
  runs,
  shown,
  busy,
  onShow,
  onValidate,
  onUse,
}: {
  runs: RunRow[];
  shown: string | null;
  busy: boolean;
  onShow: (id: string) => void;
  onValidate: (id: string) => void;
  onUse: (id: string) => void;
}) {
  if (runs.length === 0) return <p className="muted">No run yet.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table run-history" data-testid="run-history">
        <thead>
          <tr>
            <th>Run</th>
            <th>Engine</th>
            <th>Made by</th>
            <th>Settings</th>
            <th className="num">Training time</th>
            <th className="num">Rows</th>
            <th className="num">Overall</th>
            <th className="num">Shapes</th>
            <th className="num">Pair trends</th>
            <th className="num">Strong pairs</th>
            <th className="num">Detection</th>
            <th className="num">TSTR / TRTR</th>
            <th className="num">DCR ratio</th>
            <th className="num">Copies</th>
            <th className="num">MIA AUC</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => {
            const s = r.scores;
            return (
              <tr key={r.id} data-run={r.id} data-best={r.best ? 'true' : undefined} className={[r.best ? 'best' : '', r.id === shown ? 'selected' : ''].join(' ').trim() || undefined}>
                <th scope="row">
                  #{r.number}
                  {r.best && (
                    <span className="best-badge" data-testid="best-run" title="Highest mean of overall quality and strong-pair trends">
                      {' '}
                      ★ best
                    </span>
                  )}
                  {r.current && <span className="muted small"> (current)</span>}
                  <div className="muted small">{new Date(r.createdAt).toLocaleTimeString()}</div>
                </th>
                <td data-testid="run-engine">{r.engine ?? '–'}</td>
                <td>{r.source}</td>
                <td className="small settings">{settingsText(r)}</td>
                <td className="num">{seconds(r.training?.seconds)}</td>
                <td className="num">{r.rows.toLocaleString('en-US')}</td>
                <td className="num">{s ? fmtNum(s.overall) : '–'}</td>
                <td className="num">{s ? fmtNum(s.columnShapes) : '–'}</td>
                <td className="num">{s ? fmtNum(s.pairTrends) : '–'}</td>
                <td className="num">{s ? fmtNum(s.strongPairs) : '–'}</td>
                <td className="num" data-testid="run-detection">{s?.detection !== undefined ? fmtNum(s.detection) : '–'}</td>
                <td className="num">{s ? `${fmtNum(s.tstrAuc)} / ${fmtNum(s.trtrAuc)}` : '–'}</td>
                <td className="num">{s ? fmtNum(s.dcrRatio) : '–'}</td>
                <td className="num">{s ? fmtNum(s.exactCopies) : '–'}</td>
                <td className="num">{s ? fmtNum(s.miaAuc) : '–'}</td>
                <td className="run-actions">
                  {s && r.id !== shown && (
                    <button type="button" onClick={() => onShow(r.id)} disabled={busy}>
                      Show
                    </button>
                  )}
                  {!s && r.dataKept && (
                    <button type="button" onClick={() => onValidate(r.id)} disabled={busy}>
                      Validate
                    </button>
                  )}
                  {!r.current && r.dataKept && (
                    <button type="button" onClick={() => onUse(r.id)} disabled={busy} title="Make this run's synthetic data the one the risk models and exports use">
                      Use this data
                    </button>
                  )}
                  {!r.dataKept && <span className="muted small">data not kept</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
