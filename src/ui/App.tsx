import { ProjectProvider, useProject, type StepId } from './state/project';
import { LoadScreen } from './screens/LoadScreen';
import { ExploreScreen } from './screens/ExploreScreen';
import { BackendPicker } from './components/BackendPicker';
import { EvaluateScreen } from './screens/EvaluateScreen';
import { RiskScreen } from './screens/RiskScreen';
import { TrainScreen } from './screens/TrainScreen';
import { GenerateScreen } from './screens/GenerateScreen';
import { ValidateScreen } from './screens/ValidateScreen';
import { ApplyScreen } from './screens/ApplyScreen';
import { ProjectMenu } from './components/ProjectMenu';
import { WorkerStatusBanner } from './components/WorkerStatusBanner';
import { EventClassBadge } from './components/EventClassPicker';
import { useProjectPersistence } from './state/use-restore';
import { useWorkerHealth } from './worker-client';
import { useStreamsRestore } from './components/streams/use-streams-restore';

interface StepInfo {
  id: StepId;
  label: string;
  /** false while the screen is not built yet: shown, but honestly marked and not clickable */
  ready: boolean;
}

const STEPS: StepInfo[] = [
  { id: 'load', label: '1 Load', ready: true },
  { id: 'explore', label: '2 Clean & explore', ready: true },
  { id: 'train', label: '3 Train', ready: true },
  { id: 'generate', label: '4 Generate', ready: true },
  { id: 'validate', label: '5 Validate', ready: true },
  { id: 'risk', label: '6 Risk models', ready: true },
  { id: 'evaluate', label: '7 Evaluate', ready: true },
  { id: 'apply', label: '8 Apply', ready: true },
];

function Shell() {
  const { state, dispatch } = useProject();
  useProjectPersistence();
  useStreamsRestore();
  const { generation } = useWorkerHealth();
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width={24} height={24} /> SynthCredit
        </h1>
        <p className="privacy-badge" title="No upload, no server, no analytics: the data is read and processed in this tab only.">
          🔒 Private: your data never leaves this machine
        </p>
        <ProjectMenu />
        <BackendPicker />
      </header>
      <WorkerStatusBanner />
      <EventClassBadge />
      <nav className="steps" aria-label="Pipeline steps">
        {STEPS.map((s) => (
          <button
            key={s.id}
            type="button"
            className={s.id === state.step ? 'step active' : 'step'}
            aria-current={s.id === state.step ? 'step' : undefined}
            disabled={!s.ready}
            title={s.ready ? undefined : 'Not available in this version yet'}
            onClick={() => dispatch({ type: 'go', step: s.id })}
          >
            {s.label}
          </button>
        ))}
      </nav>
      {/* a restarted worker holds nothing the screens fetched before: they mount afresh */}
      <main className="screen" key={generation}>
        {state.step === 'load' && <LoadScreen />}
        {state.step === 'explore' && <ExploreScreen />}
        {state.step === 'train' && <TrainScreen />}
        {state.step === 'generate' && <GenerateScreen />}
        {state.step === 'validate' && <ValidateScreen />}
        {state.step === 'apply' && <ApplyScreen />}
        {state.step === 'risk' && <RiskScreen />}
        {state.step === 'evaluate' && <EvaluateScreen />}
      </main>
    </div>
  );
}

export function App() {
  return (
    <ProjectProvider>
      <Shell />
    </ProjectProvider>
  );
}
