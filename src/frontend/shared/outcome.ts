import type { JournalOutcome } from '../../app/store/journal';

type Appearance = 'success' | 'default' | 'moved' | 'removed' | 'inprogress' | 'new';

/** One colour per journal outcome, the same on the panel and the Activity tab. */
export function outcomeAppearance(outcome: JournalOutcome): Appearance {
  const colours: Record<JournalOutcome, Appearance> = {
    synced: 'success',
    skipped: 'default',
    conflict: 'moved',
    warning: 'moved',
    failed: 'removed',
  };
  return colours[outcome];
}
