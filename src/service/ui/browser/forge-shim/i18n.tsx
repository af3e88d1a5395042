/**
 * UI Kit's `I18nProvider` and `useTranslation`: until the translations have loaded, `t` answers the default it is
 * given (or the key) and `ready` is false; then `t` looks keys up in the page's locale, which the bridge's context
 * names unless the provider is given one.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { callBridge, i18n, view } from './bridge';
import type { Translate } from './translations';

export interface I18nValue {
  ready: boolean;
  t: Translate;
  locale?: string;
}

const LOADING: I18nValue = { ready: false, t: (key, defaultValue) => defaultValue ?? key };

const I18nContext = createContext<I18nValue>(LOADING);

export const useTranslation = (): I18nValue => useContext(I18nContext);

export function I18nProvider({ children, locale }: { children?: ReactNode; locale?: string }) {
  const [value, setValue] = useState<I18nValue>(LOADING);
  useEffect(() => {
    let live = true;
    const load = async (): Promise<void> => {
      const wanted = locale ?? (await view.getContext()).locale;
      if (typeof wanted !== 'string') throw new Error('the page context names no locale');
      const loaded = await i18n.createTranslationFunction(wanted);
      if (live) setValue({ ready: true, t: loaded.t, locale: loaded.locale });
    };
    // The page keeps its English fallback; the failure is the renderer's to show, not a silent blank.
    load().catch((error: unknown) => void callBridge('onError', { error }));
    return () => {
      live = false;
    };
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
