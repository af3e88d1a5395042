/**
 * The daily job of OAuth mode and of Data Center: keep the service's own Jira webhook alive and aimed at the paired
 * projects. Cloud drops REST-registered webhooks 30 days after registration or their last refresh and does not say
 * so (Data Center's never expire, but an administrator may delete one), so the job
 * checks the ids still exist before refreshing, registers again when they do not, and re-registers when the set of
 * paired projects (the JQL filter) or the callback address changed.
 */
import { z } from 'zod';
import { DYNAMIC_WEBHOOK_EVENTS, type DynamicWebhookApi } from '../../ports/jira-webhooks';
import { PermanentError } from '../../core/errors';
import type { Logger } from '../../ports/log';
import type { KeyValueStore } from '../../ports/store';

export const JIRA_DYNAMIC_WEBHOOKS_KEY = 'jira-dynamic-webhooks';

const storedSchema = z.object({
  ids: z.array(z.number().int()),
  jqlFilter: z.string(),
  url: z.string(),
  expiresAt: z.number().optional(),
});
type Stored = z.infer<typeof storedSchema>;

export interface WebhookUpkeepDeps {
  api: DynamicWebhookApi;
  kv: KeyValueStore;
  log: Logger;
  /** Where Jira delivers: the service's public `…/events/jira`. */
  callbackUrl: string;
  pairedProjectKeys(): Promise<string[]>;
}

export type UpkeepOutcome = 'refreshed' | 'registered' | 'removed' | 'nothing-paired';

/** Project keys are letters, digits and underscores; quoting keeps a reserved word such as `IN` a key. */
export const projectFilter = (keys: string[]): string =>
  `project in (${[...new Set(keys)]
    .sort()
    .map((k) => `"${k}"`)
    .join(', ')})`;

async function register(deps: WebhookUpkeepDeps, jqlFilter: string): Promise<Stored> {
  const [result] = await deps.api.register(deps.callbackUrl, [{ events: DYNAMIC_WEBHOOK_EVENTS, jqlFilter }]);
  if (result === undefined || 'errors' in result) {
    throw new PermanentError(
      'invalid-request',
      `Jira refused the webhook registration: ${result === undefined ? 'no result' : result.errors.join('; ')}`,
      {
        code: 'jira:webhook-refused',
      },
    );
  }
  return { ids: [result.id], jqlFilter, url: deps.callbackUrl };
}

export async function keepJiraWebhooksAlive(deps: WebhookUpkeepDeps): Promise<UpkeepOutcome> {
  const parsed = storedSchema.safeParse(await deps.kv.get(JIRA_DYNAMIC_WEBHOOKS_KEY));
  const stored = parsed.success ? parsed.data : null;
  const keys = await deps.pairedProjectKeys();
  if (keys.length === 0) {
    if (stored === null) return 'nothing-paired';
    await deps.api.remove(stored.ids);
    await deps.kv.delete(JIRA_DYNAMIC_WEBHOOKS_KEY);
    deps.log.info('removed the Jira webhook: no project is paired');
    return 'removed';
  }
  const jqlFilter = projectFilter(keys);
  if (stored !== null && stored.jqlFilter === jqlFilter && stored.url === deps.callbackUrl) {
    const live = new Set((await deps.api.list()).map((w) => w.id));
    if (stored.ids.every((id) => live.has(id))) {
      const expiresAt = await deps.api.refresh(stored.ids);
      const { expiresAt: _previous, ...kept } = stored;
      await deps.kv.set(JIRA_DYNAMIC_WEBHOOKS_KEY, expiresAt === undefined ? kept : { ...kept, expiresAt });
      return 'refreshed';
    }
    deps.log.warn(
      'the Jira webhook had expired or was deleted; registering it again (changes made meanwhile arrive with the next reconcile)',
    );
  }
  if (stored !== null) await deps.api.remove(stored.ids);
  const next = await register(deps, jqlFilter);
  await deps.kv.set(JIRA_DYNAMIC_WEBHOOKS_KEY, next);
  deps.log.info('registered the Jira webhook', { jqlFilter, ids: next.ids });
  return 'registered';
}
