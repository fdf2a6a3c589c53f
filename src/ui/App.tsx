import { ProjectProvider, useProject, type StepId } from './state/project';
import { LoadScreen } from './screens/LoadScreen';
import { BackendPicker } from './components/BackendPicker';

interface StepInfo {
  id: StepId;
  label: string;
  /** false while the screen is not built yet: shown, but honestly marked and not clickable */
  ready: boolean;
}

const STEPS: StepInfo[] = [
  { id: 'load', label: '1 Load', ready: true },
  { id: 'explore', label: '2 Clean & explore', ready: false },
  { id: 'train', label: '3 Train GAN', ready: false },
  { id: 'generate', label: '4 Generate', ready: false },
  { id: 'validate', label: '5 Validate', ready: false },
  { id: 'risk', label: '6 Risk models', ready: false },
  { id: 'evaluate', label: '7 Evaluate', ready: false },
  { id: 'apply', label: '8 Apply', ready: false },
];

function Shell() {
  const { state, dispatch } = useProject();
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width={24} height={24} /> SynthCredit
        </h1>
        <p className="privacy-badge" title="No upload, no server, no analytics: the data is read and processed in this tab only.">
          🔒 Private: your data never leaves this machine
        </p>
        <BackendPicker />
      </header>
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
      <main className="screen">{state.step === 'load' && <LoadScreen />}</main>
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
