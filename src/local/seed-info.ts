/**
 * What `/__sandbox/info` tells of the two emulated sides, the same for every runtime: only the webtrigger and
 * resolver addresses differ between the Forge runtime and the service.
 */
import type { PlatformInfo } from './contracts';
import type { PlatformSeed } from './seed';

/** `base` is where the sandbox serves the emulated portal's webhook addresses. */
export function seedInfo(seed: PlatformSeed, base: string): Pick<PlatformInfo, 'jira' | 'b24'> {
  const projectKey = seed.jiraProjectKey;
  return {
    jira: {
      baseUrl: seed.jira.baseUrl,
      projectKey,
      users: seed.jira.users.map((u) => ({
        accountId: u.accountId,
        displayName: u.displayName,
        email: u.email,
        permissions: [...(u.globalPermissions ?? []), ...(u.projectPermissions?.[projectKey] ?? [])],
      })),
    },
    b24: {
      portal: seed.b24.domain,
      memberId: seed.b24.memberId,
      groupId: seed.b24GroupId,
      applicationToken: seed.b24.applicationToken,
      users: seed.b24.users.map((u) => ({
        id: u.id,
        name: `${u.name} ${u.lastName}`,
        email: u.email,
        webhookUrl: `${base}/b24/rest/${u.id}/${u.webhookSecret}`,
      })),
    },
  };
}
