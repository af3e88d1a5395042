import type React from 'react';
import { Button, SectionMessage, Spinner, Text } from '@forge/react';
import type { CallState } from './use-call';
import { useText } from './text';
import { message as word } from './words';

/** A resolver's sentence in an error message, with Retry where trying again can help. */
export function Problem({ message, code, params, onRetry }: { message: string; code?: string; params?: Record<string, string>; onRetry?: () => void }) {
  const t = useText();
  return (
    <SectionMessage appearance="error" title={t('common.error')}>
      <Text>{word(t, message, code, params)}</Text>
      {onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : null}
    </SectionMessage>
  );
}

/** Spinner while loading, Problem on error, otherwise the children built from the data. */
export function Loaded<T>({ state, reload, children }: { state: CallState<T>; reload: () => void; children: (data: T) => React.ReactNode }) {
  if (state.status === 'loading') return <Spinner label="loading" />;
  if (state.status === 'error') return <Problem message={state.message} {...(state.code ? { code: state.code } : {})} {...(state.params ? { params: state.params } : {})} onRetry={reload} />;
  return <>{children(state.data)}</>;
}
