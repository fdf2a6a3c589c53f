import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** Repository root (tests only: Node paths). */
export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Known answers computed by SDMetrics and scikit-learn; CI has `shared/` beside the clone. */
export const sharedReferenceDir = resolve(repoRoot, '../shared/reference');
/** The samples the app bundles (copies of ../shared/data). */
export const samplesDir = resolve(repoRoot, 'public/samples');
