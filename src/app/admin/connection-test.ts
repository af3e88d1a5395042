/**
 * "Test connection": who the app acts as on which portal, which permissions (scopes) it has and lacks, and every
 * failure as a sentence. Runs against the stored credentials, so it tests exactly what the sync will use.
 */
import type { AppDeps } from '../deps';
import { b24Failure } from './admin-errors';
import { readCredentials } from './connection';
import { storesOf } from '../store/stores';

/** Each entry is satisfied by any one of its alternatives (user_basic is enough where user is not granted). */
const REQUIRED_SCOPES: readonly (readonly string[])[] = [
  ['task'],
  ['user_basic', 'user'],
  ['sonet_group'],
  ['im'],
  ['disk'],
];

export interface ConnectionTestResult {
  ok: boolean;
  portal?: string;
  user?: { id: string; name: string; admin: boolean };
  /** `missing` in English ("user_basic or user"); `missingSets` the same as alternatives, for the page to join in its language. */
  scopes: { present: string[]; missing: string[]; missingSets?: string[][] };
  problems: string[];
  /** The same problems, each with a message code and parameters the page words (`errors.<code>`); `message` is the English fallback. */
  coded?: CodedProblem[];
}

export interface CodedProblem {
  message: string;
  code: string;
  params: Record<string, string>;
}

export async function testConnection(deps: AppDeps): Promise<ConnectionTestResult> {
  const connection = await storesOf(deps).connection.get();
  const credentials = await readCredentials(deps);
  const result: ConnectionTestResult = { ok: false, scopes: { present: [], missing: [] }, problems: [], coded: [] };
  const problem = (message: string, code: string, params: Record<string, string> = {}) => {
    result.problems.push(message);
    result.coded?.push({ message, code, params });
  };
  if (connection) result.portal = connection.domain;
  if (!connection || !credentials) {
    if (connection?.authMode === 'oauth')
      problem(
        'The OAuth application is not authorised yet: open the authorisation link and approve it in Bitrix24.',
        'b24.notAuthorised',
      );
    else problem('No Bitrix24 portal is connected yet.', 'b24.notConnected');
    return result;
  }
  try {
    const profile = await deps.b24.getProfile();
    result.user = { id: profile.id, name: `${profile.name} ${profile.lastName}`.trim(), admin: profile.admin };
  } catch (error) {
    const { message, code, params } = b24Failure(error);
    problem(message, code, params);
    return result;
  }
  try {
    const granted = await deps.b24.getScope();
    result.scopes.present = granted;
    result.scopes.missingSets = REQUIRED_SCOPES.filter((alts) => !alts.some((s) => granted.includes(s))).map((alts) => [
      ...alts,
    ]);
    result.scopes.missing = result.scopes.missingSets.map((alts) => alts.join(' or '));
  } catch (error) {
    const { message, code, params } = b24Failure(error);
    problem(message, code, params);
  }
  if (result.scopes.missing.length > 0) {
    const who = connection.authMode === 'webhook' ? 'webhook' : 'application';
    problem(
      `Missing scope: the ${who} needs permission for ${result.scopes.missing.join(', ')}. Edit its permissions in Bitrix24 and test again.`,
      `b24.missingScope.${who}`,
      { scopes: result.scopes.missing.join(', ') },
    );
  }
  result.ok = result.problems.length === 0;
  return result;
}
