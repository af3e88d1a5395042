/**
 * `@forge/api` under jest and the sandbox. `route`/`assumeTrustedRoute` and the error classes are the SDK's own
 * (pure modules, deep-imported); product and external requests go to the active local runtime, which sends them
 * to the emulators, checks egress and counts them.
 */
import { requireSafeUrl, type Route } from '@forge/api/out/safeUrl';
import { currentHost, currentInvocation } from '../context';

export { route, assumeTrustedRoute, routeFromAbsolute, isRoute } from '@forge/api/out/safeUrl';
export type { Route } from '@forge/api/out/safeUrl';
export {
  ExternalEndpointNotAllowedError,
  FetchError,
  FUNCTION_ERR,
  HttpError,
  InvalidWorkspaceRequestedError,
  isExpectedError,
  isForgePlatformError,
  isHostedCodeError,
  NeedsAuthenticationError,
  NotAllowedError,
  ProductEndpointNotAllowedError,
  ProxyRequestError,
  RequestProductNotAllowedError,
} from '@forge/api/out/api/errors';
export type { WebTriggerContext, WebTriggerMethod, WebTriggerRequest, WebTriggerResponse } from '@forge/api/out/webTrigger';

export type ProductRequest = (url: Route, init?: RequestInit) => Promise<Response>;

export interface LocalFetchMethods {
  requestJira: ProductRequest;
  requestConfluence: ProductRequest;
  requestBitbucket: ProductRequest;
}

function notEmulated(product: string): ProductRequest {
  return () => Promise.reject(new Error(`${product} is not emulated by the local platform`));
}

function productMethods(as: 'app' | 'user', accountId?: string): LocalFetchMethods {
  return {
    // Promise.resolve().then: a non-Route argument rejects, as the SDK's async wrapper does, rather than throwing.
    requestJira: (url, init) =>
      Promise.resolve().then(() => currentHost().requestJira(requireSafeUrl(url).value, init, as === 'app' ? { kind: 'app' } : { kind: 'user', accountId: accountId ?? '' })),
    requestConfluence: notEmulated('Confluence'),
    requestBitbucket: notEmulated('Bitbucket'),
  };
}

export const asApp = (): LocalFetchMethods => productMethods('app');

/**
 * The invocation's user (a UI resolver call). Triggers, consumers, web triggers and scheduled triggers run with no
 * user, so this throws there, as impersonation without `allowImpersonation` does on Forge.
 */
export const asUser = (userId?: string): LocalFetchMethods => {
  const accountId = userId ?? currentInvocation()?.principal?.accountId;
  if (!accountId) throw new Error('asUser() needs a user: this invocation has no principal (use asApp() in triggers, consumers and web triggers)');
  return productMethods('user', accountId);
};

/** Top-level `requestJira` has no app authentication in the SDK (provider "none"); here it acts as the user. */
export const requestJira: ProductRequest = (url, init) => asUser().requestJira(url, init);
export const requestConfluence: ProductRequest = notEmulated('Confluence');
export const requestBitbucket: ProductRequest = notEmulated('Bitbucket');

export const fetch = (url: string | Route, init?: RequestInit): Promise<Response> => {
  if (typeof url !== 'string') return Promise.reject(new Error('fetch with a Route is for remotes, which the local platform does not emulate'));
  return currentHost().fetch(url, init);
};

export const webTrigger = {
  getUrl: (moduleKey: string, _options?: boolean | { forceCreate?: boolean }): Promise<string> => {
    try {
      return Promise.resolve(currentHost().webtriggerUrl(moduleKey));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  },
  queryUrls: (moduleKey?: string): Promise<{ moduleKey: string; url: string }[]> => {
    const host = currentHost();
    const keys = host.webtriggerKeys().filter((k) => moduleKey === undefined || k === moduleKey);
    return Promise.resolve(keys.map((k) => ({ moduleKey: k, url: host.webtriggerUrl(k) })));
  },
  deleteUrl: (_url: string): Promise<void> => Promise.resolve(),
};

const api = { asApp, asUser, fetch, requestJira, requestConfluence, requestBitbucket, webTrigger };
export default api;
