/**
 * The server-side permission check every resolver runs first, as the calling person (asUser): what the page
 * hides is not a security boundary, so each call asks Jira again whether this user holds the permission.
 */
import { asUser, route } from '@forge/api';
import { z } from 'zod';

export type Permission = 'ADMINISTER' | 'ADMINISTER_PROJECTS' | 'BROWSE_PROJECTS';

const reply = z.object({ permissions: z.record(z.string(), z.object({ havePermission: z.boolean() })) });

/** False on any failure: a check that cannot be made is a refusal. */
export async function userHas(permission: Permission, projectKey?: string): Promise<boolean> {
  try {
    const response = projectKey
      ? await asUser().requestJira(route`/rest/api/3/mypermissions?permissions=${permission}&projectKey=${projectKey}`, { headers: { accept: 'application/json' } })
      : await asUser().requestJira(route`/rest/api/3/mypermissions?permissions=${permission}`, { headers: { accept: 'application/json' } });
    if (!response.ok) return false;
    const parsed = reply.safeParse(await response.json());
    return parsed.success && parsed.data.permissions[permission]?.havePermission === true;
  } catch {
    return false;
  }
}

export const REFUSALS: Record<Permission, string> = {
  ADMINISTER: 'Only Jira administrators may change the Bitrix24 connection.',
  ADMINISTER_PROJECTS: 'Only administrators of this project may view or change its Bitrix24 sync settings.',
  BROWSE_PROJECTS: 'You do not have permission to see this project.',
};
