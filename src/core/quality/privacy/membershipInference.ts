import { rocAuc } from '../../risk/metrics/rocAuc';
import type { EncodedRows } from './gowerEncoding';
import { nearestDistances } from './nearestDistance';

export interface MembershipInference {
  /** AUC of score = -DCR to the synthetic set, members (training rows) = 1, non-members (held-out) = 0 */
  auc: number;
  members: number;
  nonMembers: number;
}

/**
 * Distance-based membership-inference attack: an attacker who holds the synthetic set guesses that
 * a real row was in the training data when a synthetic row lies close to it. AUC near 0.5 means
 * training rows are no closer to the synthetic set than unseen rows; above 0.5 means leakage.
 */
export function membershipInferenceAuc(members: EncodedRows, nonMembers: EncodedRows, synthetic: EncodedRows): MembershipInference {
  if (synthetic.n === 0 || members.n === 0 || nonMembers.n === 0) {
    return { auc: NaN, members: members.n, nonMembers: nonMembers.n };
  }
  const dm = nearestDistances(members, synthetic);
  const dn = nearestDistances(nonMembers, synthetic);
  const labels = new Float64Array(dm.length + dn.length);
  const scores = new Float64Array(dm.length + dn.length);
  dm.forEach((d, i) => {
    labels[i] = 1;
    scores[i] = -d;
  });
  dn.forEach((d, i) => {
    scores[dm.length + i] = -d;
  });
  return { auc: rocAuc(labels, scores), members: dm.length, nonMembers: dn.length };
}
