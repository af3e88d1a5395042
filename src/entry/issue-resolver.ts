import Resolver from '@forge/resolver';

/** Backend of the issue panel; its resolvers arrive with the issue panel's issue. */
export const issueResolver = new Resolver().getDefinitions();
