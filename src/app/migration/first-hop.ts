/**
 * The first status hop of a migrated issue rides in its bulk create (`transition` per element), as Jira runs it
 * right after creating. Jira lists transitions only for an existing issue, so the transitions out of the
 * workflow's initial status are learned once per project and issue type, from the first issue the migration had
 * to move one by one (its transitions read is one the single path makes anyway), and kept for the rest of the run.
 * A transition Jira refuses for some element makes that element fail alone; it is then retried on its own.
 */
import { z } from 'zod';
import { planJiraTransition } from '../../core/mapping';
import type { JiraStatusRef } from '../../core/remote/jira';
import { MAX_TRANSITION_HOPS } from '../sync/status-walks';
import type { JsonValue } from '../../ports/store';
import type { SyncContext } from '../sync-context';

const statusSchema = z.object({
  id: z.string(),
  name: z.string(),
  statusCategory: z.object({ key: z.string() }).optional(),
});
/** As stored by `learnInitialTransitions`; read back through the schema like any other stored record. */
const storedSchema = z.object({
  initial: statusSchema,
  transitions: z.array(
    z.object({ id: z.string(), name: z.string(), to: statusSchema, requiredFields: z.array(z.string()) }),
  ),
});

type InitialTransitions = z.infer<typeof storedSchema>;

const hopKey = (projectKey: string, issueType: unknown): string =>
  `mhop:${`${projectKey}:${JSON.stringify(issueType ?? null)}`.replace(/[^a-zA-Z0-9._:-]/g, '_')}`;

export async function initialTransitions(
  ctx: SyncContext,
  projectKey: string,
  issueType: unknown,
): Promise<InitialTransitions | null> {
  const parsed = storedSchema.safeParse(await ctx.kv.get(hopKey(projectKey, issueType)));
  return parsed.success ? parsed.data : null;
}

/** Reads (once) the transitions of an issue still in the initial status, and keeps them for the run's creates. */
export async function learnInitialTransitions(
  ctx: SyncContext,
  projectKey: string,
  issueType: unknown,
  issueId: string,
  initial: JiraStatusRef,
): Promise<void> {
  const transitions = await ctx.jira.getTransitions(issueId);
  await ctx.kv.set(hopKey(projectKey, issueType), JSON.parse(JSON.stringify({ initial, transitions })) as JsonValue, {
    ttlSeconds: 24 * 3600,
  });
}

/** The transition to carry in the create toward `target`, when the learned ones have a step; else none. */
export function firstHopId(known: InitialTransitions | null, target: string | null | undefined): string | undefined {
  if (!known || target === undefined || target === null) return undefined;
  const step = planJiraTransition(
    known.initial,
    known.transitions,
    { name: target },
    [known.initial.name],
    MAX_TRANSITION_HOPS,
  );
  return step.kind === 'transition' ? step.transition.id : undefined;
}
