export {
  detectionScore,
  detectionScoreAsync,
  DetectionStoppedError,
  DETECTOR_GBDT,
  DETECTION_MAX_ROWS_PER_SIDE,
  detectionSteps,
  type DetectionOptions,
  type DetectionReport,
  type ColumnGiveaway,
  type PairGiveaway,
} from './detectionScore.ts';
export { stratifiedFolds, foldRows } from './folds.ts';
