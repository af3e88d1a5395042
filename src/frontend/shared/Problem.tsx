import type React from 'react';
import { Button, SectionMessage, Spinner, Text } from '@forge/react';
import type { CallState, Refusal } from './use-call';
import { useText } from './text';
import { message as word } from './words';

/** A resolver's sentence in an error message, with Retry where trying again can help. */
export function Problem({
  message,
  code,
  params,
  onRetry,
}: {
  message: string;
  code?: string;
  params?: Record<string, string>;
  onRetry?: () => void;
}) {
  const t = useText();
  return (
    <SectionMessage appearance="error" title={t('common.error')}>
      <Text>{word(t, message, code, params)}</Text>
      {onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : null}
    </SectionMessage>
  );
}

/** A refusal as Problem's props: its code and parameters only when the resolver sent them. */
export const refusalProps = (r: Refusal): { message: string; code?: string; params?: Record<string, string> } => ({
  message: r.message,
  ...(r.code ? { code: r.code, params: r.params ?? {} } : {}),
});

/** Spinner while loading, Problem on error, otherwise the children built from the data. */
export function Loaded<T>({
  state,
  reload,
  children,
}: {
  state: CallState<T>;
  reload: () => void;
  children: (data: T) => React.ReactNode;
}) {
  if (state.status === 'loading') return <Spinner label="loading" />;
  if (state.status === 'error') return <Problem {...refusalProps(state)} onRetry={reload} />;
  return <>{children(state.data)}</>;
}
