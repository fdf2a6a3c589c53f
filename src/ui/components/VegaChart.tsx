import { VegaEmbed } from 'react-vega';
import type { EmbedOptions, Result, VisualizationSpec } from 'vega-embed';
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

export interface VegaChartProps {
  spec: VisualizationSpec;
  label: string;
  testId?: string;
  /** the embedded view, e.g. to listen for clicks (`result.view.addEventListener`) or export SVG (`result.view.toSVG()`) */
  onEmbed?: (result: Result) => void;
}

export function VegaChart({ spec, label, testId, onEmbed }: VegaChartProps) {
  return <VegaEmbed spec={spec} options={EMBED_OPTIONS} onEmbed={onEmbed} role="img" aria-label={label} data-testid={testId} className="chart" />;
}
