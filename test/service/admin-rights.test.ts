/**
 * The service admin's rights: the install's own for administering, Jira's answer for the service account's
 * browsing and editing. A Jira that cannot be asked is a refusal worded as such, never "you lack the right".
 */
import type { AppDeps } from '../../src/app/deps';
import { RetryableError } from '../../src/core/errors';
import { adminRights } from '../../src/service/admin-rights';

const jiraAnswering = (getMyPermissions: AppDeps['jira']['getMyPermissions']): Pick<AppDeps, 'jira'> =>
  ({ jira: { getMyPermissions } }) as unknown as Pick<AppDeps, 'jira'>;

describe("the service admin's rights", () => {
  it('holds the install-wide rights without asking Jira', async () => {
    const ask = jest.fn();
    expect(await adminRights(jiraAnswering(ask)).firstMissing(['ADMINISTER'])).toBeNull();
    expect(ask).not.toHaveBeenCalled();
  });

  it("asks Jira for a project's browsing and editing, and names what is missing", async () => {
    const rights = adminRights(jiraAnswering(() => Promise.resolve({ BROWSE_PROJECTS: true, EDIT_ISSUES: false })));
    expect(await rights.firstMissing(['ADMINISTER_PROJECTS'], 'PRJ')).toBeNull();
    expect(await rights.firstMissing(['EDIT_ISSUES'], 'PRJ')).toBe('EDIT_ISSUES');
  });

  it('answers UNCHECKED when Jira cannot be asked (rate-limited, failing, not configured)', async () => {
    const busy = adminRights(
      jiraAnswering(() =>
        Promise.reject(
          new RetryableError('rate-limited', 'Jira answered 429', { code: 'jira:429', retryAfterMs: 30_000 }),
        ),
      ),
    );
    expect(await busy.firstMissing(['ADMINISTER_PROJECTS'], 'PRJ')).toBe('UNCHECKED');
    const absent = adminRights(jiraAnswering(() => Promise.reject(new Error('Jira is not configured'))));
    expect(await absent.firstMissing(['EDIT_ISSUES'], 'PRJ')).toBe('UNCHECKED');
  });
});
