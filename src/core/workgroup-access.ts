/**
 * Which Bitrix24 workgroups projects may be paired with. The app reads Bitrix24 as one account that sees many
 * workgroups, while a project's administrator is trusted only inside their project: so the site administrator who
 * connected the portal lists each workgroup a project may pair with, and pairing, sync and migration ask this list.
 */
import { z } from 'zod';

/** A project key, or `*` for any project of the site. */
export const ANY_PROJECT = '*';

export interface WorkgroupAllowance {
  groupId: string;
  /** The workgroup's name when it was listed, shown when the portal cannot be asked. */
  groupName?: string;
  /** The projects this workgroup may pair with: keys, or `['*']` for any. */
  projects: string[];
}

export interface WorkgroupAccess {
  entries: WorkgroupAllowance[];
}

/** Entries are checked on every listing: far more than any portal's workgroups would fit on one tab. */
export const MAX_ALLOWANCES = 200;
export const MAX_PROJECTS_PER_ALLOWANCE = 50;

const projectKey = z
  .string()
  .regex(/^(\*|[A-Z][A-Z0-9_]{0,49})$/, 'must be a Jira project key such as DEMO, or * for any project');

const workgroupAllowanceSchema = z.object({
  groupId: z.string().regex(/^[1-9]\d{0,17}$/, 'must be a Bitrix24 workgroup id such as 1'),
  groupName: z.string().max(255).optional(),
  projects: z.array(projectKey).min(1, 'name at least one project, or * for any').max(MAX_PROJECTS_PER_ALLOWANCE),
});

export const workgroupAccessSchema = z.object({ entries: z.array(workgroupAllowanceSchema).max(MAX_ALLOWANCES) });

/** Whether the list lets `projectKey` pair with `groupId`. */
export function pairingListed(access: WorkgroupAccess, groupId: string, projectKey: string): boolean {
  return access.entries.some(
    (e) => e.groupId === groupId && (e.projects.includes(ANY_PROJECT) || e.projects.includes(projectKey)),
  );
}

/** The workgroups a project's administrator may choose from, in the list's order. */
export function listedGroupsFor(access: WorkgroupAccess, projectKey: string): string[] {
  return access.entries.filter((e) => pairingListed({ entries: [e] }, e.groupId, projectKey)).map((e) => e.groupId);
}

/** The list that allows exactly the pairings that exist: what an install that predates the list had agreed to. */
export function accessFromPairings(pairings: readonly { projectKey: string; groupId: string }[]): WorkgroupAccess {
  const byGroup = new Map<string, string[]>();
  for (const p of pairings) byGroup.set(p.groupId, [...new Set([...(byGroup.get(p.groupId) ?? []), p.projectKey])]);
  return { entries: [...byGroup].map(([groupId, projects]) => ({ groupId, projects })) };
}

/** A workgroup listed twice would make the tab's rows ambiguous: the sentence names it, or null when none is. */
export function repeatedGroup(access: WorkgroupAccess): string | null {
  const seen = new Set<string>();
  for (const e of access.entries) {
    if (seen.has(e.groupId)) return e.groupId;
    seen.add(e.groupId);
  }
  return null;
}
