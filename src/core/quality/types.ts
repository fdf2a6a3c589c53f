/** How the quality report treats a column: SDMetrics numerical/datetime = continuous, categorical/boolean = discrete. */
export type QualityKind = 'continuous' | 'discrete';

export interface QualityColumn {
  name: string;
  kind: QualityKind;
}

/**
 * A cell as it comes from a typed table: numbers (continuous, datetime as epoch ms) or labels
 * (categorical). null is missing; undefined and NaN are read as missing too.
 */
export type Cell = string | number | boolean | null | undefined;

/** Column-oriented table: column name -> values, one per row. */
export type ColumnData = Record<string, ArrayLike<Cell>>;
