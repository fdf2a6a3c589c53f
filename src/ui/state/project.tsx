/**
 * The project state the screens share: which dataset is loaded (its summary and schema;
 * the rows stay in the worker), the compute backend, and where the user is. One reducer,
 * so every step reads the same facts instead of ad-hoc globals.
 */
import { createContext, useContext, useReducer, type Dispatch, type ReactNode } from 'react';
import type { DatasetSummary } from '../../worker/dataset-session';
import type { BackendStatus } from '../../worker/backend';
import type { DatasetSchema } from '../../core/data/schema';

export type StepId = 'load' | 'explore' | 'train' | 'generate' | 'validate' | 'risk' | 'evaluate' | 'apply';

export interface ProjectState {
  step: StepId;
  dataset: DatasetSummary | null;
  backend: BackendStatus | null;
  backendError: string | null;
}

export type ProjectAction =
  | { type: 'go'; step: StepId }
  | { type: 'dataset-loaded'; dataset: DatasetSummary }
  | { type: 'schema-changed'; schema: DatasetSchema }
  | { type: 'backend'; status: BackendStatus }
  | { type: 'backend-error'; message: string };

export const initialProjectState: ProjectState = { step: 'load', dataset: null, backend: null, backendError: null };

export function projectReducer(state: ProjectState, action: ProjectAction): ProjectState {
  switch (action.type) {
    case 'go':
      return { ...state, step: action.step };
    case 'dataset-loaded':
      return { ...state, dataset: action.dataset };
    case 'schema-changed':
      return state.dataset ? { ...state, dataset: { ...state.dataset, schema: action.schema } } : state;
    case 'backend':
      return { ...state, backend: action.status, backendError: null };
    case 'backend-error':
      return { ...state, backendError: action.message };
  }
}

const ProjectContext = createContext<{ state: ProjectState; dispatch: Dispatch<ProjectAction> } | null>(null);

export function ProjectProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(projectReducer, initialProjectState);
  return <ProjectContext.Provider value={{ state, dispatch }}>{children}</ProjectContext.Provider>;
}

export function useProject() {
  const ctx = useContext(ProjectContext);
  if (!ctx) throw new Error('useProject outside ProjectProvider');
  return ctx;
}
