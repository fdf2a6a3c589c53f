/**
 * The project state the screens share: which dataset is loaded (its summary and schema;
 * the rows stay in the worker), the compute backend, and where the user is. One reducer,
 * so every step reads the same facts instead of ad-hoc globals.
 */
import { createContext, useContext, useReducer, type Dispatch, type ReactNode } from 'react';
import type { DatasetSummary } from '../../worker/dataset-session';
import type { BackendStatus } from '../../worker/backend';
import type { DatasetSchema } from '../../core/data/schema';
import type { RecipeState, SplitSummary } from '../../worker/prepared-data';
import type { StreamSpec } from '../../core/engines/sequential/stream-spec';

/** Which synthesis engine step 3 trains: the sequential trees (default), the mixture model or the GAN. */
export type EngineChoice = 'ar-cart' | 'latent-class' | 'dp-mst' | 'ctgan';

export type StepId = 'load' | 'explore' | 'train' | 'generate' | 'validate' | 'risk' | 'evaluate' | 'apply';

/** What step 2 made of the data (the tables stay in the worker; see worker/prepared-data.ts). */
export interface RecipeSummary {
  steps: number;
  enabledSteps: number;
  /** rows and columns of the cleaned table */
  rowCount: number;
  columnCount: number;
  /** a step fails on the current data */
  error: string | null;
}

export function recipeSummaryOf(r: RecipeState): RecipeSummary {
  return {
    steps: r.steps.length,
    enabledSteps: r.steps.filter((s) => s.enabled).length,
    rowCount: r.schema.rowCount,
    columnCount: r.schema.columns.length,
    error: r.error?.message ?? null,
  };
}

/**
 * Customers-and-transactions mode (chosen on step 1): the key, time, profile and event columns the
 * sequential engine reads; `on` false = the proposal was seen and declined (one row = one record).
 */
export interface StreamsMode {
  on: boolean;
  spec: StreamSpec;
}

export interface ProjectState {
  step: StepId;
  dataset: DatasetSummary | null;
  backend: BackendStatus | null;
  backendError: string | null;
  /** the cleaning recipe's effect; null until the explore step has run on this dataset */
  recipe: RecipeSummary | null;
  /** the train/test split of the cleaned rows; null until one is made */
  split: SplitSummary | null;
  /** the engine picked on the Train screen */
  engine: EngineChoice;
  /** customers-and-transactions mode; null until the Load step has proposed it for this dataset */
  streams: StreamsMode | null;
}

export type ProjectAction =
  | { type: 'go'; step: StepId }
  | { type: 'dataset-loaded'; dataset: DatasetSummary }
  | { type: 'schema-changed'; schema: DatasetSchema }
  | { type: 'backend'; status: BackendStatus }
  | { type: 'backend-error'; message: string }
  | { type: 'recipe-changed'; recipe: RecipeSummary }
  | { type: 'split-changed'; split: SplitSummary | null }
  | { type: 'engine-picked'; engine: EngineChoice }
  | { type: 'streams-mode'; mode: StreamsMode | null }
  /** another project was opened or the worker restarted: start from nothing (the backend stays) */
  | { type: 'project-reset' };

export const initialProjectState: ProjectState = { step: 'load', dataset: null, backend: null, backendError: null, recipe: null, split: null, engine: 'ar-cart', streams: null };

export function projectReducer(state: ProjectState, action: ProjectAction): ProjectState {
  switch (action.type) {
    case 'go':
      return { ...state, step: action.step };
    case 'dataset-loaded':
      // the worker starts a new dataset with an empty recipe and no split
      return { ...state, dataset: action.dataset, recipe: null, split: null, streams: null };
    case 'schema-changed':
      return state.dataset ? { ...state, dataset: { ...state.dataset, schema: action.schema } } : state;
    case 'backend':
      return { ...state, backend: action.status, backendError: null };
    case 'backend-error':
      return { ...state, backendError: action.message };
    case 'recipe-changed':
      return { ...state, recipe: action.recipe };
    case 'split-changed':
      return { ...state, split: action.split };
    case 'engine-picked':
      return { ...state, engine: action.engine };
    case 'streams-mode':
      return { ...state, streams: action.mode };
    case 'project-reset':
      return { ...initialProjectState, backend: state.backend, backendError: state.backendError };
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
