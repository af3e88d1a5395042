/**
 * Who the service is in Jira. Without Forge's `ignoreSelf` the service's own edits come back as webhooks like
 * anyone's; they are recognised by the account the credentials belong to, asked once from `/myself` at setup and
 * kept with the connection, so intake can drop them without a read.
 */
import { z } from 'zod';
import type { Clock } from '../../ports/clock';
import type { KeyValueStore } from '../../ports/store';
import { createJiraRequester, jsonBody, type JiraTransport } from '../jira/request';

export const JIRA_SERVICE_ACCOUNT_KEY = 'jira-service-account';

const myselfSchema = z.object({ accountId: z.string().min(1), displayName: z.string().optional() });
/** Data Center names the person by key (stable) and name (a renamable login): the key is the identity. */
const dcMyselfSchema = z
  .object({ key: z.string().min(1), displayName: z.string().optional() })
  .transform(({ key, displayName }) => ({ accountId: key, ...(displayName === undefined ? {} : { displayName }) }));

export type JiraFlavour = 'cloud' | 'datacenter';
const storedSchema = z.object({
  accountId: z.string().min(1),
  displayName: z.string().optional(),
  learnedAt: z.number(),
});

export interface JiraServiceAccount {
  accountId: string;
  displayName?: string;
  learnedAt: number;
}

export async function learnServiceAccount(
  transport: JiraTransport,
  kv: KeyValueStore,
  clock: Clock,
  flavour: JiraFlavour = 'cloud',
): Promise<JiraServiceAccount> {
  const requester = createJiraRequester(transport, clock);
  const me =
    flavour === 'cloud'
      ? await requester.json('current user', '/rest/api/3/myself', jsonBody('GET'), myselfSchema)
      : await requester.json('current user', '/rest/api/2/myself', jsonBody('GET'), dcMyselfSchema);
  const account: JiraServiceAccount = {
    accountId: me.accountId,
    learnedAt: clock.now(),
    ...(me.displayName === undefined ? {} : { displayName: me.displayName }),
  };
  await kv.set(JIRA_SERVICE_ACCOUNT_KEY, { ...account });
  return account;
}

/** null until setup has run `learnServiceAccount`; intake then refuses events rather than risk an echo loop. */
export async function readServiceAccount(kv: KeyValueStore): Promise<JiraServiceAccount | null> {
  const parsed = storedSchema.safeParse(await kv.get(JIRA_SERVICE_ACCOUNT_KEY));
  if (!parsed.success) return null;
  const { accountId, displayName, learnedAt } = parsed.data;
  return { accountId, learnedAt, ...(displayName === undefined ? {} : { displayName }) };
}
