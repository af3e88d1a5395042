/**
 * The service's own `@forge/bridge`, for the admin page's bundle: Atlassian's package is licensed only under the
 * Atlassian Developer Terms, which cover apps on Atlassian's platform, not a self-hosted service handing it to
 * browsers. It speaks the same protocol over the page's `window.__bridge` (installed by the renderer), and offers
 * what src/frontend uses: `invoke`, `view.getContext` and the translations `I18nProvider` loads.
 */
import { createTranslationFunction } from './translations';

type CallBridge = (cmd: string, data?: unknown) => Promise<unknown>;

/** The page's bridge, asked for at each call: the renderer installs it before any app bundle runs. */
export function callBridge(cmd: string, data?: unknown): Promise<unknown> {
  const bridge = (globalThis as { __bridge?: { callBridge?: CallBridge } }).__bridge;
  if (typeof bridge?.callBridge !== 'function')
    return Promise.reject(new Error('The page has no bridge: the renderer must load before the app.'));
  return bridge.callBridge(cmd, data);
}

export async function invoke(functionKey: string, payload?: Record<string, unknown>): Promise<unknown> {
  if (typeof functionKey !== 'string') throw new Error('functionKey must be a string!');
  if (payload && Object.values(payload).some((value) => typeof value === 'function'))
    throw new Error('Passing functions as part of the payload is not supported!');
  return callBridge('invoke', { functionKey, payload });
}

export interface ViewContext {
  locale?: string;
  [key: string]: unknown;
}

export const view = {
  async getContext(): Promise<ViewContext> {
    const context = (await callBridge('getContext')) as ViewContext;
    return context;
  },
};

export const i18n = { createTranslationFunction };
