/**
 * The header's project controls: which project is open and whether it is saved, the "Projects"
 * dialog (list, open, rename, delete, new, export, import, checkpoint interval, storage use), and
 * "Restart compute worker" for when something hangs.
 */
import { useEffect, useRef, useState } from 'react';
import { worker, restartWorker, useWorkerHealth } from '../worker-client';
import { usePersistence, setCurrentProject } from '../state/use-restore';
import type { ProjectList, ProjectMeta } from '../../worker/project-api';
import { formatBytes } from './ProgressBar';
import { saveText } from '../save-file';

interface Storage {
  usage: number;
  quota: number;
}

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

function fileName(name: string): string {
  return `synthcredit-project-${name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'project'}.json`;
}

/** Open the Projects dialog from elsewhere (e.g. the storage-full banner). */
export function openProjectsDialog(): void {
  window.dispatchEvent(new CustomEvent('synthcredit:open-projects'));
}

export function ProjectMenu() {
  const p = usePersistence();
  const health = useWorkerHealth();
  const [open, setOpen] = useState(false);
  const [list, setList] = useState<ProjectList | null>(null);
  const [storage, setStorage] = useState<Storage | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [every, setEvery] = useState('5');
  const fileInput = useRef<HTMLInputElement>(null);

  const refresh = async () => {
    try {
      const l = await worker().projectList();
      setList(l);
      setEvery(String(l.checkpointEvery));
      setCurrentProject(l.projects.find((x) => x.id === l.currentId) ?? null);
    } catch (e) {
      setError((e as Error).message);
    }
    try {
      const est = await navigator.storage?.estimate?.();
      if (est) setStorage({ usage: est.usage ?? 0, quota: est.quota ?? 0 });
    } catch {
      setStorage(null);
    }
  };

  useEffect(() => {
    const show = () => setOpen(true);
    window.addEventListener('synthcredit:open-projects', show);
    return () => window.removeEventListener('synthcredit:open-projects', show);
  }, []);

  useEffect(() => {
    if (open) void refresh();
  }, [open, health.generation]); // eslint-disable-line react-hooks/exhaustive-deps

  const act = async (what: () => Promise<unknown>, thenRestart = false) => {
    setBusy(true);
    setError(null);
    try {
      await what();
      if (thenRestart) {
        // a clean worker restores the now-current project (the same path as crash recovery)
        restartWorker('user-restart', 'opened another project');
        setOpen(false);
      } else {
        await refresh();
      }
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const exportProject = (id?: string) =>
    act(async () => {
      const { name, json } = await worker().projectExport(id);
      saveText(json, fileName(name), 'application/json');
    });

  const saveLabel =
    p.save === 'pending' ? 'Saving…' : p.save === 'error' ? 'Not saved' : p.save === 'saved' ? `Saved${p.checkpointEpoch ? ` · checkpoint epoch ${p.checkpointEpoch}` : ''}` : p.project ? 'Saved' : 'Not saved yet';

  return (
    <div className="project-menu">
      <button type="button" onClick={() => setOpen(true)} data-testid="projects-button" aria-haspopup="dialog">
        Projects{p.project ? `: ${p.project.name}` : ''}
      </button>
      <output
        className={`save-status save-${p.save}`}
        data-testid="save-status"
        data-state={p.save}
        data-checkpoint-epoch={p.checkpointEpoch ?? ''}
        data-restored={p.restored ? 'yes' : 'no'}
        title={p.savedAt ? `Last saved ${when(p.savedAt)} in this browser (IndexedDB)` : 'The project is saved in this browser (IndexedDB) as it changes'}
      >
        {p.restoring ? 'Reopening…' : saveLabel}
      </output>
      <button type="button" onClick={() => restartWorker('user-restart')} data-testid="restart-worker" title="Stops the compute worker and starts a fresh one; the project is reopened from its last save">
        Restart compute worker
      </button>

      {open && (
        <div className="modal-backdrop" onClick={() => setOpen(false)}>
          <div className="modal" role="dialog" aria-modal="true" aria-labelledby="projects-title" data-testid="projects-dialog" onClick={(e) => e.stopPropagation()}>
            <div className="modal-head">
              <h2 id="projects-title">Projects</h2>
              <button type="button" onClick={() => setOpen(false)} aria-label="Close" data-testid="projects-close">
                ✕
              </button>
            </div>
            <p className="muted">
              Projects are saved in this browser only (IndexedDB) as you work: dataset, roles, recipe, split, GAN checkpoints, risk models and run scores.
              Export a project to keep a copy or move it to another browser.
            </p>
            {error && (
              <p role="alert" className="error" data-testid="projects-error">
                {error}
              </p>
            )}
            <table className="data-table projects-table" data-testid="projects-list">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Dataset</th>
                  <th>Saved</th>
                  <th className="num">Size</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {list?.projects.map((m: ProjectMeta) => {
                  const current = m.id === list.currentId;
                  return (
                    <tr key={m.id} data-testid="project-row" data-current={current ? 'yes' : 'no'} data-name={m.name}>
                      <td>
                        {renaming?.id === m.id ? (
                          <form
                            onSubmit={(e) => {
                              e.preventDefault();
                              void act(() => worker().projectRename(m.id, renaming.name)).then(() => setRenaming(null));
                            }}
                          >
                            <input aria-label="New name" value={renaming.name} onChange={(e) => setRenaming({ id: m.id, name: e.target.value })} data-testid="rename-input" autoFocus />
                            <button type="submit" disabled={busy} data-testid="rename-save">
                              Save
                            </button>
                          </form>
                        ) : (
                          <>
                            <strong>{m.name}</strong>
                            {current && <span className="muted"> (open)</span>}
                          </>
                        )}
                      </td>
                      <td>{m.datasetName ? `${m.datasetName} · ${m.rows.toLocaleString('en-US')} × ${m.columns}` : '–'}</td>
                      <td>{when(m.updatedAt)}</td>
                      <td className="num">{formatBytes(m.bytes)}</td>
                      <td className="project-actions">
                        {!current && (
                          <button type="button" disabled={busy} onClick={() => void act(() => worker().projectOpen(m.id), true)} data-testid="project-open">
                            Open
                          </button>
                        )}
                        <button type="button" disabled={busy} onClick={() => setRenaming({ id: m.id, name: m.name })} data-testid="project-rename">
                          Rename
                        </button>
                        <button type="button" disabled={busy} onClick={() => void exportProject(m.id)} data-testid="project-export">
                          Export
                        </button>
                        {confirmDelete === m.id ? (
                          <button
                            type="button"
                            className="danger"
                            disabled={busy}
                            onClick={() => void act(() => worker().projectDelete(m.id), current).then(() => setConfirmDelete(null))}
                            data-testid="project-delete-confirm"
                          >
                            Really delete
                          </button>
                        ) : (
                          <button type="button" disabled={busy} onClick={() => setConfirmDelete(m.id)} data-testid="project-delete">
                            Delete
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
                {list && list.projects.length === 0 && (
                  <tr>
                    <td colSpan={5} className="muted">
                      No saved project yet: load a dataset and it is saved as a project.
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
            <div className="button-row">
              <button type="button" disabled={busy} onClick={() => void act(() => worker().projectNew('Untitled project'), true)} data-testid="project-new">
                New project
              </button>
              <button type="button" disabled={busy || !list?.currentId} onClick={() => void exportProject()} data-testid="export-project">
                Export this project…
              </button>
              <button type="button" disabled={busy} onClick={() => fileInput.current?.click()} data-testid="import-project">
                Import a project…
              </button>
              <input
                ref={fileInput}
                type="file"
                accept=".json,application/json"
                hidden
                data-testid="import-project-input"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void act(() => worker().projectImport(file), true);
                }}
              />
            </div>
            <form
              className="form-row"
              onSubmit={(e) => {
                e.preventDefault();
                void act(() => worker().projectSetCheckpointEvery(Number(every)));
              }}
            >
              <label>
                Save a training checkpoint every{' '}
                <input type="number" min={1} step={1} className="narrow" value={every} onChange={(e) => setEvery(e.target.value)} data-testid="checkpoint-every" /> epochs
              </label>
              <button type="submit" disabled={busy}>
                Apply
              </button>
            </form>
            <p className="muted" data-testid="storage-usage">
              {storage
                ? `Storage used by this site: ${formatBytes(storage.usage)} of ${formatBytes(storage.quota)} available (${storage.quota ? ((100 * storage.usage) / storage.quota).toFixed(1) : '0'} %).`
                : 'This browser does not report storage use.'}{' '}
              {p.persisted === true
                ? 'The browser keeps this storage (persistent).'
                : p.persisted === false
                  ? 'The browser may clear this storage when the disk runs low: export projects you want to keep.'
                  : ''}
            </p>
          </div>
        </div>
      )}
    </div>
  );
}
