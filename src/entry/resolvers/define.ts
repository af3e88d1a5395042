/**
 * The resolver calls on Forge: each call of ./settings-calls.ts and ./issue-calls.ts runs with Forge's host
 * (rights asked of Jira as the calling person, the web trigger's URL, Forge's fetch).
 */
import { webTrigger } from '@forge/api';
import Resolver from '@forge/resolver';
import { forgeFetchTransport } from '../../adapters/forge/fetch-transport';
import { composeApp } from '../composition';
import { forgeRights } from './guard';
import type { ResolverCall, ResolverHost } from './run';

const EVENTS_TRIGGER = 'b24-events';

const forgeHost: ResolverHost = {
  rights: forgeRights,
  compose: () => composeApp({ resolver: true }),
  eventUrl: () => webTrigger.getUrl(EVENTS_TRIGGER),
  transport: forgeFetchTransport,
};

export function forgeResolver(calls: Record<string, ResolverCall>): ReturnType<Resolver['getDefinitions']> {
  const resolver = new Resolver();
  for (const [name, call] of Object.entries(calls))
    resolver.define(name, (request) => call({ context: request.context, payload: request.payload }, forgeHost));
  return resolver.getDefinitions();
}
