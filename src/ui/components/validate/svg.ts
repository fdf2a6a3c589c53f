/**
 * Draw a Vega-Lite spec to SVG markup without putting it on screen, for the HTML report: a
 * headless vega View with no renderer, expressions evaluated by vega-interpreter (the app's CSP
 * forbids `new Function`), and data inline in the spec (nothing is fetched).
 */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { VisualizationSpec } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';

export async function specToSvg(spec: VisualizationSpec): Promise<string> {
  const vg = compile(spec as TopLevelSpec).spec;
  const view = new View(parse(vg, undefined, { ast: true }), { renderer: 'none', expr: expressionInterpreter });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
