/**
 * The server-side permission check every resolver runs first, as the calling person (asUser): what the page
 * hides is not a security boundary, so each call asks Jira again whether this user holds the permission.
 */
import { asUser, route } from '@forge/api';
import { z } from 'zod';
import { UNCHECKED, type Permission, type Refusal, type RightsPort } from './rights';

export { ISSUE_REFUSAL, REFUSALS, UNCHECKED, type Permission, type Refusal } from './rights';

const reply = z.object({ permissions: z.record(z.string(), z.object({ havePermission: z.boolean() })) });

/** False on any failure: a check that cannot be made is a refusal. */
export async function userHas(permission: Permission, projectKey?: string): Promise<boolean> {
  return (await firstMissing([permission], projectKey)) === null;
}

/**
 * The first of `permissions` (in the order given) the caller lacks, or null when they hold all; one request for
 * all of them. Jira refusing the question itself (401/403: the person's own answer) counts the first as missing;
 * Jira unable to answer (429, 5xx, no reply, a reply not understood) is UNCHECKED.
 */
export async function firstMissing(permissions: readonly Permission[], projectKey?: string): Promise<Refusal | null> {
  const first = permissions[0];
  if (first === undefined) return null;
  const list = permissions.join(',');
  try {
    const response = projectKey
      ? await asUser().requestJira(route`/rest/api/3/mypermissions?permissions=${list}&projectKey=${projectKey}`, {
          headers: { accept: 'application/json' },
        })
      : await asUser().requestJira(route`/rest/api/3/mypermissions?permissions=${list}`, {
          headers: { accept: 'application/json' },
        });
    if (response.status === 429 || response.status >= 500) return UNCHECKED;
    if (!response.ok) return first;
    const parsed = reply.safeParse(await response.json());
    if (!parsed.success) return UNCHECKED;
    return permissions.find((p) => parsed.data.permissions[p]?.havePermission !== true) ?? null;
  } catch {
    return UNCHECKED;
  }
}

const issueReply = z.object({
  id: z.coerce.string(),
  key: z.string(),
  fields: z.object({ project: z.object({ key: z.string() }) }),
});

/**
 * Whether the caller can see the issue and it is the one the context names, in the project the permission was
 * checked on. Jira answers 404 for an issue the person may not browse (issue security included). False on any failure.
 */
export async function issueInProject(issue: { id: string; key: string }, projectKey: string): Promise<boolean> {
  try {
    const response = await asUser().requestJira(route`/rest/api/3/issue/${issue.id}?fields=project`, {
      headers: { accept: 'application/json' },
    });
    if (!response.ok) return false;
    const parsed = issueReply.safeParse(await response.json());
    return (
      parsed.success &&
      parsed.data.id === issue.id &&
      parsed.data.key === issue.key &&
      parsed.data.fields.project.key === projectKey
    );
  } catch {
    return false;
  }
}

/** The Forge platform's answer: Jira, asked as the calling person. */
export const forgeRights: RightsPort = { firstMissing, issueInProject };
