import { VegaEmbed } from 'react-vega';
import type { EmbedOptions, VisualizationSpec } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';

/**
 * Every chart goes through here. Vega normally compiles expressions with `new Function`,
 * which the app's Content-Security-Policy forbids; the AST interpreter evaluates them
 * without eval. SVG output keeps charts crisp and lets the HTML report inline them.
 */
export const EMBED_OPTIONS: EmbedOptions = {
  ast: true,
  expr: expressionInterpreter,
  actions: false,
  renderer: 'svg',
};

export function VegaChart({ spec, label, testId }: { spec: VisualizationSpec; label: string; testId?: string }) {
  return <VegaEmbed spec={spec} options={EMBED_OPTIONS} role="img" aria-label={label} data-testid={testId} className="chart" />;
}
