/**
 * The People tab's settings live in the project's SyncConfig (user overrides and the unmatched-user fallback);
 * this file translates between that config and the tab, and saves through validateConfig like the Mapping tab.
 */
import { validateConfig, type SyncConfig } from '../../core/config';
import type { AppDeps } from '../deps';
import { AdminError } from './admin-errors';
import { peopleDirectoryProblems } from './people-checks';
import {
  matchPeople,
  overrideProblems,
  type PeopleFallback,
  type PeopleReport,
  type PeopleSettings,
  type SavePeopleInput,
} from './people';
import { storesOf } from '../store/stores';

export { savePeopleInput } from './people';

function peopleSettingsOf(config: SyncConfig): PeopleSettings {
  const fallback: PeopleFallback =
    config.users.unmatched === 'leave-unchanged'
      ? { kind: 'leave-unchanged' }
      : {
          kind: 'default-user',
          b24UserId: config.users.unmatched.defaultB24UserId,
          jiraAccountId: config.users.unmatched.defaultJiraAccountId,
        };
  return {
    overrides: config.users.overrides.map((o) => ({ b24UserId: o.b24UserId, jiraAccountId: o.jiraAccountId })),
    fallback,
  };
}

function withPeopleSettings(config: SyncConfig, settings: SavePeopleInput): unknown {
  const fallback =
    settings.fallback.kind === 'leave-unchanged'
      ? 'leave-unchanged'
      : { defaultB24UserId: settings.fallback.b24UserId, defaultJiraAccountId: settings.fallback.jiraAccountId };
  return { ...config, users: { ...config.users, overrides: settings.overrides, unmatched: fallback } };
}

async function storedConfig(deps: AppDeps, projectKey: string): Promise<SyncConfig> {
  const config = await storesOf(deps).configs.get(projectKey);
  if (!config)
    throw new AdminError(
      'Save the mapping for this project first: people are matched for a paired project.',
      'people.mappingFirst',
    );
  return config;
}

export async function readPeople(deps: AppDeps, projectKey: string): Promise<PeopleReport> {
  return matchPeople(deps, projectKey, peopleSettingsOf(await storedConfig(deps, projectKey)));
}

export async function savePeople(
  deps: AppDeps,
  projectKey: string,
  input: SavePeopleInput,
): Promise<
  | { ok: true }
  | {
      ok: false;
      error: string;
      code: string;
      problems: { path: string; message: string; code?: string; params?: Record<string, string> }[];
    }
> {
  const duplicates = overrideProblems(input.overrides);
  if (duplicates.length > 0)
    return { ok: false, error: 'The people settings were not saved.', code: 'people.notSaved', problems: duplicates };
  const stored = await storedConfig(deps, projectKey);
  const result = validateConfig(withPeopleSettings(stored, input));
  if (!result.ok)
    return {
      ok: false,
      error: 'The people settings were not saved.',
      code: 'people.notSaved',
      problems: result.problems,
    };
  const unknown = await peopleDirectoryProblems(deps, input, stored.users.overrides);
  if (unknown.length > 0)
    return {
      ok: false,
      error: 'The people settings were not saved: some people do not exist.',
      code: 'people.unknown',
      problems: unknown,
    };
  await storesOf(deps).configs.save(result.config);
  return { ok: true };
}
