/** The issue panel's resolvers on Forge (the calls themselves in ./issue-definitions). */
import { forgeResolver } from './define';
import { ISSUE_DEFINITIONS } from './issue-definitions';

export const issueResolver = forgeResolver(ISSUE_DEFINITIONS);
