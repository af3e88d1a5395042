/** Public API of the sync rules: the three-way plan, echo intents, comment attribution, creation and deletion. */
export {
  planPairSync,
  type PairPlan,
  type PairSyncInput,
  type SyncBase,
  type Conflict,
  type SkippedFlow,
} from './merge';
export { writeIntent, isEchoOfIntent, intentsFor, type WriteIntent } from './echo';
export {
  attributionLabel,
  attributedBody,
  isMirroredComment,
  stripAttribution,
  commentFingerprint,
  docFingerprint,
} from './comments';
export {
  planCreation,
  planDeletion,
  type CreationDecision,
  type CreationInput,
  type DeletionDecision,
} from './lifecycle';
