/**
 * One resolver call as page state: loading, the reply, or the `{ error }` sentence the resolver answered, with a
 * reload for the Retry button.
 */
import { invoke } from '@forge/bridge';
import { useCallback, useEffect, useState } from 'react';

export type CallState<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: T };

export function errorOf(reply: unknown): string | null {
  return typeof reply === 'object' && reply !== null && 'error' in reply && typeof reply.error === 'string' ? reply.error : null;
}

/** Resolver replies come from our own backend; an `{ error }` reply is separated here, once. */
export async function call<T>(name: string, payload: Record<string, unknown> = {}): Promise<{ ok: true; data: T } | { ok: false; message: string }> {
  try {
    const reply: unknown = await invoke(name, payload);
    const error = errorOf(reply);
    return error === null ? { ok: true, data: reply as T } : { ok: false, message: error };
  } catch {
    return { ok: false, message: 'The app did not answer. Check your connection and try again.' };
  }
}

export function useCall<T>(name: string, payload: Record<string, unknown> = {}): [CallState<T>, () => void] {
  const [state, setState] = useState<CallState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const body = JSON.stringify(payload);
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    void call<T>(name, JSON.parse(body) as Record<string, unknown>).then((r) => {
      if (live) setState(r.ok ? { status: 'ready', data: r.data } : { status: 'error', message: r.message });
    });
    return () => {
      live = false;
    };
  }, [name, body, attempt]);
  const reload = useCallback(() => setAttempt((a) => a + 1), []);
  return [state, reload];
}
