/**
 * "Test connection": who the app acts as on which portal, which permissions (scopes) it has and lacks, and every
 * failure as a sentence. Runs against the stored credentials, so it tests exactly what the sync will use.
 */
import type { AppDeps } from '../deps';
import { ConnectionStore } from '../store/connection';
import { describeB24Failure } from './errors';
import { readCredentials } from './connection';

/** Each entry is satisfied by any one of its alternatives (user_basic is enough where user is not granted). */
export const REQUIRED_SCOPES: readonly (readonly string[])[] = [['task'], ['user_basic', 'user'], ['sonet_group'], ['im'], ['disk']];

export interface ConnectionTestResult {
  ok: boolean;
  portal?: string;
  user?: { id: string; name: string; admin: boolean };
  scopes: { present: string[]; missing: string[] };
  problems: string[];
}

export async function testConnection(deps: AppDeps): Promise<ConnectionTestResult> {
  const connection = await new ConnectionStore(deps.kv, deps.secrets).get();
  const credentials = await readCredentials(deps);
  const result: ConnectionTestResult = { ok: false, scopes: { present: [], missing: [] }, problems: [] };
  if (connection) result.portal = connection.domain;
  if (!connection || !credentials) {
    result.problems.push(connection?.authMode === 'oauth' ? 'The OAuth application is not authorised yet: open the authorisation link and approve it in Bitrix24.' : 'No Bitrix24 portal is connected yet.');
    return result;
  }
  try {
    const profile = await deps.b24.getProfile();
    result.user = { id: profile.id, name: `${profile.name} ${profile.lastName}`.trim(), admin: profile.admin };
  } catch (error) {
    result.problems.push(describeB24Failure(error));
    return result;
  }
  try {
    const granted = await deps.b24.getScope();
    result.scopes.present = granted;
    result.scopes.missing = REQUIRED_SCOPES.filter((alts) => !alts.some((s) => granted.includes(s))).map((alts) => alts.join(' or '));
  } catch (error) {
    result.problems.push(describeB24Failure(error));
  }
  if (result.scopes.missing.length > 0) {
    result.problems.push(`Missing scope: the ${connection.authMode === 'webhook' ? 'webhook' : 'application'} needs permission for ${result.scopes.missing.join(', ')}. Edit its permissions in Bitrix24 and test again.`);
  }
  result.ok = result.problems.length === 0;
  return result;
}
