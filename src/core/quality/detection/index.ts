export {
  detectionScore,
  detectionSteps,
  type DetectionOptions,
  type DetectionReport,
  type ColumnGiveaway,
  type PairGiveaway,
} from './detectionScore.ts';
export { stratifiedFolds, foldRows } from './folds.ts';
