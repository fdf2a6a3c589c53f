import { isModelledRole, type DatasetSchema } from '../../data/schema.ts';

/**
 * How a model input column is treated. Encoders only need two kinds: numbers
 * (continuous amounts and datetimes as epoch milliseconds) and labels.
 */
export type FeatureKind = 'numeric' | 'categorical';

export interface FeatureSpec {
  name: string;
  kind: FeatureKind;
}

/** The modelled columns of a schema, minus the target, in schema order. */
export function featureSpecsFromSchema(schema: DatasetSchema): FeatureSpec[] {
  return schema.columns
    .filter((c) => isModelledRole(c.role) && c.name !== schema.target)
    .map((c) => ({ name: c.name, kind: c.role === 'categorical' ? 'categorical' : 'numeric' }));
}
