import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** Repository root (tests only: Node paths). */
export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Known answers computed by SDMetrics and scikit-learn (a copy kept in the repository, README inside). */
export const referenceDir = resolve(repoRoot, 'src/test-support/reference');
/** The samples the app bundles (README.md, Bundled data and attribution). */
export const samplesDir = resolve(repoRoot, 'public/samples');
