import { useEffect, useState } from 'react';
import { useProject } from '../state/project';
import { worker } from '../worker-client';
import type { EventClassSuggestion } from '../../core/data/infer/event-class';

type Classes = EventClassSuggestion & { column: string; event: string | null };

const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

/**
 * The choice of the event class: which target value the risk models predict (default, bad,
 * fraud, rejected). Files code it either way round, so the suggestion is shown with its share
 * and its reason, and every later step (Risk, Evaluate, Apply) follows the choice.
 */
export function EventClassPicker() {
  const { state, dispatch } = useProject();
  const schema = state.dataset?.schema;
  const target = schema?.target ?? null;
  const event = schema?.positiveLabel ?? null;
  const [classes, setClasses] = useState<Classes | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    if (target === null) {
      setClasses(null);
      return;
    }
    worker()
      .targetClasses(target)
      .then((c) => live && setClasses(c))
      .catch((e: unknown) => live && setError((e as Error).message));
    return () => {
      live = false;
    };
  }, [target, event]);

  if (target === null || !classes || classes.column !== target) return null;
  const choose = async (label: string) => {
    setError(null);
    try {
      dispatch({ type: 'schema-changed', schema: await worker().setTarget(target, label) });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const chosen = classes.classes.find((c) => c.label === event);
  return (
    <div className="event-class" data-testid="event-class">
      <label>
        Event class (the outcome the models predict: default, bad, fraud, rejected){' '}
        <select aria-label="Event class" data-testid="event-select" value={event ?? ''} onChange={(e) => void choose(e.target.value)}>
          {classes.classes.map((c) => (
            <option key={c.label} value={c.label}>
              {target} = {c.label} ({pct(c.share)} of rows){c.label === classes.suggested ? ' · suggested' : ''}
            </option>
          ))}
        </select>
      </label>
      <p className="muted" data-testid="event-reason">
        {chosen ? `Models will predict the probability that ${target} = “${chosen.label}” (${pct(chosen.share)} of rows). ` : ''}
        Suggestion: {classes.reason}
      </p>
      {classes.classes.length > 2 && (
        <p role="alert">This target has {classes.classes.length} values; risk models treat the event class against all the others.</p>
      )}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}

/** One line for every screen: which class is the event (or that no target is chosen). */
export function EventClassBadge() {
  const { state } = useProject();
  const schema = state.dataset?.schema;
  if (!schema) return null;
  return (
    <p className="event-badge muted" data-testid="event-badge">
      {schema.target && schema.positiveLabel !== null
        ? <>Event: <strong>{schema.target} = “{schema.positiveLabel}”</strong> (what the risk models predict)</>
        : 'No target chosen (step 1 Load)'}
    </p>
  );
}
