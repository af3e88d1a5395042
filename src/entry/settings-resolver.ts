import Resolver from '@forge/resolver';

/** Backend of the project settings page; its resolvers arrive with the admin page's issue. */
export const settingsResolver = new Resolver().getDefinitions();
