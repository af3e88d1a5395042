/**
 * The Mapping tab: the project's configuration next to what it maps between — the project's real Jira statuses,
 * Bitrix24's task statuses and the workgroups the site admin lists for this project — and an all-or-nothing save
 * through validateConfig(). A project admin is offered, and may save, only a workgroup listed for the project: the
 * names of the portal's other workgroups are not theirs to read.
 */
import { defaultConfig, validateConfig, type SyncConfig } from '../../core/config';
import { listedGroupsFor, pairingListed, type WorkgroupAccess } from '../../core/workgroup-access';
import type { AppDeps } from '../deps';
import { readWorkgroupAccess } from '../pairing-access';
import { AdminError, b24Failure, jiraFailure, notSavedBecause, worded, type Worded } from './admin-errors';
import { storesOf } from '../store/stores';

/** Bitrix24's task statuses as the REST API numbers them (1 "new" and 7 "declined" are legacy and not offered). */
export const B24_STATUSES = [
  { id: '2', name: 'Pending' },
  { id: '3', name: 'In progress' },
  { id: '4', name: 'Awaiting control' },
  { id: '5', name: 'Completed' },
  { id: '6', name: 'Deferred' },
] as const;

export interface MappingView {
  config: SyncConfig;
  /** False when nothing is stored yet and `config` is the default proposal. */
  saved: boolean;
  jiraStatuses: { id: string; name: string; category?: string }[];
  b24Statuses: { id: string; name: string }[];
  /** The portal's workgroups that the Connection tab lists for this project (no other is offered or accepted). */
  groups: { id: string; name: string }[];
  /** Set when the saved pairing's workgroup is no longer listed for the project: sync and migration hold it back. */
  groupNotListed?: Worded;
  /**
   * The priorities the project's create screen allows (its priority scheme), for the priority table; empty when
   * Jira would not list them (names stay editable).
   */
  jiraPriorities: { id: string; name: string }[];
  /** The site's custom fields (`/field`) that the project's create screen carries: the Mapping tab picks from these. */
  jiraCustomFields: { id: string; name: string; type?: string }[];
  /** Set when the portal's workgroups could not be read; the rest of the tab still works. */
  groupsProblem?: string;
  groupsProblemCode?: { code: string; params: Record<string, string> };
}

const MAX_GROUP_PAGES = 20;

export async function readMapping(deps: AppDeps, projectKey: string): Promise<MappingView> {
  const stored = await storesOf(deps).configs.get(projectKey);
  let statuses;
  try {
    statuses = await deps.jira.getProjectStatuses(projectKey);
  } catch (error) {
    throw AdminError.of(jiraFailure(error));
  }
  // Every issue type repeats its workflow's statuses; the table needs each once.
  const unique = new Map(
    statuses
      .flatMap((t) => t.statuses)
      .map((s) => [s.id, { id: s.id, name: s.name, ...(s.statusCategory ? { category: s.statusCategory.key } : {}) }]),
  );
  const view: MappingView = {
    config: stored ?? defaultConfig(projectKey, ''),
    saved: stored !== null,
    jiraStatuses: [...unique.values()],
    b24Statuses: B24_STATUSES.map((s) => ({ ...s })),
    groups: [],
    ...(await screenChoices(deps, projectKey, (stored ?? defaultConfig(projectKey, '')).jiraIssueType)),
  };
  const access = await readWorkgroupAccess(deps);
  if (stored && !pairingListed(access, stored.b24GroupId, projectKey))
    view.groupNotListed = notListed(stored.b24GroupId, projectKey);
  try {
    const listed = new Set(listedGroupsFor(access, projectKey));
    view.groups = (await listGroups(deps)).filter((g) => listed.has(g.id));
  } catch (error) {
    const failure = b24Failure(error);
    view.groupsProblem = failure.message;
    view.groupsProblemCode = { code: failure.code, params: failure.params };
  }
  return view;
}

/** Priorities and custom fields as the project's create screen offers them; empty lists when Jira would not say. */
async function screenChoices(
  deps: AppDeps,
  projectKey: string,
  issueType: string,
): Promise<Pick<MappingView, 'jiraPriorities' | 'jiraCustomFields'>> {
  try {
    const [meta, fields] = await Promise.all([
      deps.jira.getCreateFieldMeta(projectKey, issueType),
      deps.jira.getFields(),
    ]);
    const onScreen = new Set(meta.map((f) => f.id));
    return {
      jiraPriorities: (meta.find((f) => f.id === 'priority')?.allowedValues ?? []).map((p) => ({
        id: p.id,
        name: p.name,
      })),
      jiraCustomFields: fields
        .filter((f) => f.custom && onScreen.has(f.id))
        .map((f) => ({ id: f.id, name: f.name, ...(f.type ? { type: f.type } : {}) })),
    };
  } catch {
    return { jiraPriorities: [], jiraCustomFields: [] };
  }
}

export async function listGroups(deps: AppDeps): Promise<{ id: string; name: string }[]> {
  const groups: { id: string; name: string }[] = [];
  let start: number | undefined = 0;
  for (let page = 0; page < MAX_GROUP_PAGES && start !== undefined; page += 1) {
    const result: Awaited<ReturnType<AppDeps['b24']['listGroups']>> = await deps.b24.listGroups(start);
    groups.push(...result.groups);
    start = result.next;
  }
  return groups;
}

/** A problem of one row: its config path, the English sentence and the code the page words it by. */
type PathProblem = { path: string; message: string; code?: string; params?: Record<string, string> };

export type SaveMappingResult =
  { ok: true } | { ok: false; error: string; code: string; params: Record<string, string>; problems: PathProblem[] };

/** Nothing is written unless the whole configuration is valid. */
export async function saveMapping(deps: AppDeps, projectKey: string, candidate: unknown): Promise<SaveMappingResult> {
  const result = validateConfig(candidate);
  if (!result.ok) {
    return {
      ok: false,
      error: `The mapping was not saved: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} to fix.`,
      code: 'mapping.notSaved',
      params: { count: String(result.problems.length) },
      problems: result.problems,
    };
  }
  if (result.config.projectKey !== projectKey) {
    return {
      ok: false,
      error: `The mapping was not saved: it belongs to another project than ${projectKey}.`,
      code: 'mapping.otherProject',
      params: { project: projectKey },
      problems: [
        {
          path: 'projectKey',
          message: `This page edits ${projectKey}.`,
          code: 'mapping.editsProject',
          params: { project: projectKey },
        },
      ],
    };
  }
  const unknown = await mappingDirectoryProblems(deps, result.config);
  if (unknown.length > 0)
    return {
      ok: false,
      error:
        'The mapping was not saved: it names a project or workgroup that does not exist, or a workgroup already paired with another project.',
      code: 'mapping.unknown',
      params: {},
      problems: unknown,
    };
  const refused = unlisted(await readWorkgroupAccess(deps), result.config);
  if (refused) return refused;
  await storesOf(deps).configs.save(result.config);
  return { ok: true };
}

/**
 * The project and the workgroup a mapping pairs are looked up where they live before it is saved, and a workgroup
 * already paired with another project is refused (its tasks would be claimed by two projects' admins and panels).
 */
async function mappingDirectoryProblems(deps: AppDeps, config: SyncConfig): Promise<({ path: string } & Worded)[]> {
  const problems: ({ path: string } & Worded)[] = [];
  const project = await deps.jira.getProject(config.projectKey).catch((error: unknown) => {
    throw notSavedBecause('The mapping was not saved', 'mapping.notSavedBecause', jiraFailure(error));
  });
  if (!project)
    problems.push({
      path: 'projectKey',
      message: `Jira has no project ${config.projectKey}.`,
      code: 'mapping.noProject',
      params: { project: config.projectKey },
    });
  const group = await deps.b24.getGroup(config.b24GroupId).catch((error: unknown) => {
    throw notSavedBecause('The mapping was not saved', 'mapping.notSavedBecause', b24Failure(error));
  });
  if (!group)
    problems.push({
      path: 'b24GroupId',
      message: `Bitrix24 has no workgroup ${config.b24GroupId}, or the app may not see it.`,
      code: 'mapping.noGroup',
      params: { group: config.b24GroupId },
    });
  const owner = await storesOf(deps).configs.byGroup(config.b24GroupId);
  if (owner && owner.projectKey !== config.projectKey) {
    problems.push({
      path: 'b24GroupId',
      message: `Workgroup ${config.b24GroupId} is already paired with project ${owner.projectKey}.`,
      code: 'mapping.groupTaken',
      params: { group: config.b24GroupId, project: owner.projectKey },
    });
  }
  return problems;
}

const notListed = (group: string, project: string): Worded =>
  worded(
    `Workgroup ${group} is not listed for project ${project} on the Connection tab. A Jira administrator can list it there; until then this pairing is not synced or migrated.`,
    'mapping.notListed',
    { group, project },
  );

/** The site admin's list decides: a workgroup it does not list for this project is refused, whoever asks. */
function unlisted(access: WorkgroupAccess, config: SyncConfig): SaveMappingResult | null {
  if (pairingListed(access, config.b24GroupId, config.projectKey)) return null;
  const problem = notListed(config.b24GroupId, config.projectKey);
  const error = `The mapping was not saved: workgroup ${config.b24GroupId} is not listed for project ${config.projectKey} on the Connection tab; a Jira administrator can list it there.`;
  return {
    ok: false,
    error,
    code: 'mapping.groupNotListed',
    params: problem.params,
    problems: [{ path: 'b24GroupId', ...problem }],
  };
}
