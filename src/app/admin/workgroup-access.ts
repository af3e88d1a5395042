/**
 * The Connection tab's list of which workgroups may be paired with which projects (site admins only, checked by the
 * resolver). A save is all or nothing: every workgroup is looked up in Bitrix24 and every project key in Jira
 * before the list is written, and the workgroup's name is kept for the rows shown when the portal cannot be asked.
 */
import { z } from 'zod';
import {
  ANY_PROJECT,
  MAX_ALLOWANCES,
  MAX_PROJECTS_PER_ALLOWANCE,
  repeatedGroup,
  workgroupAccessSchema,
  type WorkgroupAllowance,
} from '../../core/workgroup-access';
import type { AppDeps } from '../deps';
import { readWorkgroupAccess } from '../pairing-access';
import { b24Failure, jiraFailure, notSavedBecause, worded, type Worded } from './admin-errors';
import { listGroups } from './mapping';
import { storesOf } from '../store/stores';

export interface WorkgroupAccessView {
  entries: { groupId: string; groupName: string; projects: string[] }[];
  /** The portal's workgroups to choose from; empty (with the problem) when the portal could not be asked. */
  groups: { id: string; name: string }[];
  groupsProblem?: Worded;
}

export const saveWorkgroupAccessInput = z.object({
  entries: z
    .array(
      z.object({ groupId: z.string().max(20), projects: z.array(z.string().max(60)).max(MAX_PROJECTS_PER_ALLOWANCE) }),
    )
    .max(MAX_ALLOWANCES),
});
export type SaveWorkgroupAccessInput = z.infer<typeof saveWorkgroupAccessInput>;

type PathProblem = { path: string } & Worded;
type SaveWorkgroupAccessResult =
  | WorkgroupAccessView
  | { ok: false; error: string; code: string; params: Record<string, string>; problems: PathProblem[] };

export async function readWorkgroupAccessView(deps: AppDeps): Promise<WorkgroupAccessView> {
  const access = await readWorkgroupAccess(deps);
  let groups: { id: string; name: string }[] = [];
  let groupsProblem: Worded | undefined;
  try {
    groups = await listGroups(deps);
  } catch (error) {
    groupsProblem = b24Failure(error);
  }
  const names = new Map(groups.map((g) => [g.id, g.name]));
  return {
    entries: access.entries.map((e) => ({
      groupId: e.groupId,
      groupName: names.get(e.groupId) ?? e.groupName ?? e.groupId,
      projects: e.projects,
    })),
    groups,
    ...(groupsProblem ? { groupsProblem } : {}),
  };
}

const NOT_SAVED = 'The list of workgroups was not saved';

function refusal(problems: PathProblem[]): SaveWorkgroupAccessResult {
  return {
    ok: false,
    error: `${NOT_SAVED}: ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix.`,
    code: 'access.notSaved',
    params: { count: String(problems.length) },
    problems,
  };
}

/** Nothing is written unless every row names a workgroup Bitrix24 shows the app and projects Jira has. */
export async function saveWorkgroupAccess(
  deps: AppDeps,
  input: SaveWorkgroupAccessInput,
): Promise<SaveWorkgroupAccessResult> {
  const candidate = {
    entries: input.entries.map((e) => ({
      groupId: e.groupId.trim(),
      projects: [...new Set(e.projects.map((p) => p.trim().toUpperCase()).filter((p) => p !== ''))],
    })),
  };
  const shape = workgroupAccessSchema.safeParse(candidate);
  if (!shape.success) return refusal(shape.error.issues.map((i) => shapeProblem(candidate, i.path)));
  const twice = repeatedGroup(shape.data);
  if (twice)
    return refusal([
      {
        path: 'entries',
        ...worded(`Workgroup ${twice} is listed twice; keep one row per workgroup.`, 'access.groupTwice', {
          group: twice,
        }),
      },
    ]);
  const problems: PathProblem[] = [];
  const entries: WorkgroupAllowance[] = [];
  for (const [i, e] of shape.data.entries.entries()) {
    const group = await deps.b24.getGroup(e.groupId).catch((error: unknown) => {
      throw notSavedBecause(NOT_SAVED, 'access.notSavedBecause', b24Failure(error));
    });
    if (!group)
      problems.push({
        path: `entries.${i}.groupId`,
        ...worded(`Bitrix24 has no workgroup ${e.groupId}, or the app may not see it.`, 'mapping.noGroup', {
          group: e.groupId,
        }),
      });
    problems.push(...(await unknownProjects(deps, e.projects, i)));
    entries.push({
      groupId: e.groupId,
      ...(group ? { groupName: group.name.slice(0, 255) } : {}),
      projects: e.projects.includes(ANY_PROJECT) ? [ANY_PROJECT] : e.projects,
    });
  }
  if (problems.length > 0) return refusal(problems);
  await storesOf(deps).workgroupAccess.save({ entries });
  return readWorkgroupAccessView(deps);
}

/** A row the schema refused, in words that name the value (the schema's own sentence is for developers). */
function shapeProblem(candidate: SaveWorkgroupAccessInput, at: PropertyKey[]): PathProblem {
  const path = at.map(String).join('.');
  const [, row, field, item] = at;
  const entry = typeof row === 'number' ? candidate.entries[row] : undefined;
  if (entry && field === 'groupId')
    return {
      path,
      ...worded(`"${entry.groupId}" is not a Bitrix24 workgroup id (a number such as 1).`, 'access.notGroupId', {
        value: entry.groupId,
      }),
    };
  if (entry && field === 'projects' && typeof item === 'number') {
    const value = entry.projects[item] ?? '';
    return {
      path,
      ...worded(`"${value}" is not a Jira project key such as DEMO, or * for any project.`, 'access.notProjectKey', {
        value,
      }),
    };
  }
  if (entry && field === 'projects')
    return {
      path,
      ...worded(`Workgroup ${entry.groupId}: name at least one project, or * for any project.`, 'access.noProjects', {
        group: entry.groupId,
      }),
    };
  return { path, ...worded(`${path}: the value is not valid.`, 'access.invalid', { path }) };
}

async function unknownProjects(deps: AppDeps, projects: string[], row: number): Promise<PathProblem[]> {
  const problems: PathProblem[] = [];
  for (const [j, key] of projects.entries()) {
    if (key === ANY_PROJECT) continue;
    const project = await deps.jira.getProject(key).catch((error: unknown) => {
      throw notSavedBecause(NOT_SAVED, 'access.notSavedBecause', jiraFailure(error));
    });
    if (!project)
      problems.push({
        path: `entries.${row}.projects.${j}`,
        ...worded(`Jira has no project ${key}.`, 'mapping.noProject', { project: key }),
      });
  }
  return problems;
}
