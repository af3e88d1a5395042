/**
 * One resolver call as page state: loading, the reply, or the `{ error }` sentence the resolver answered, with a
 * reload for the Retry button.
 */
import { invoke } from '@forge/bridge';
import { useCallback, useEffect, useState } from 'react';

/** A refusal or failure: the resolver's sentence, and its message code with parameters when it sends one. */
export interface Refusal {
  message: string;
  code?: string;
  params?: Record<string, string>;
}

export type CallState<T> = { status: 'loading' } | ({ status: 'error' } & Refusal) | { status: 'ready'; data: T };

function errorOf(reply: unknown): string | null {
  return typeof reply === 'object' && reply !== null && 'error' in reply && typeof reply.error === 'string'
    ? reply.error
    : null;
}

/** Resolver replies come from our own backend; an `{ error }` reply is separated here, once. */
export interface PathProblem {
  path: string;
  message: string;
  code?: string;
  params?: Record<string, string>;
}

function problemsOf(reply: unknown): PathProblem[] {
  if (typeof reply !== 'object' || reply === null || !('problems' in reply) || !Array.isArray(reply.problems))
    return [];
  return reply.problems
    .filter(
      (p): p is PathProblem =>
        typeof p === 'object' &&
        p !== null &&
        typeof (p as PathProblem).path === 'string' &&
        typeof (p as PathProblem).message === 'string',
    )
    .map((p) => ({ path: p.path, message: p.message, ...codeOf(p) }));
}

export type CallResult<T> = { ok: true; data: T } | ({ ok: false; problems: PathProblem[] } & Refusal);

function codeOf(reply: unknown): Omit<Refusal, 'message'> {
  if (typeof reply !== 'object' || reply === null || !('code' in reply) || typeof reply.code !== 'string') return {};
  const raw = 'params' in reply && typeof reply.params === 'object' && reply.params !== null ? reply.params : {};
  const params = Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return { code: reply.code, params };
}

export async function call<T>(name: string, payload: Record<string, unknown> = {}): Promise<CallResult<T>> {
  try {
    const reply: unknown = await invoke(name, payload);
    const error = errorOf(reply);
    return error === null
      ? { ok: true, data: reply as T }
      : { ok: false, message: error, problems: problemsOf(reply), ...codeOf(reply) };
  } catch {
    return {
      ok: false,
      message: 'The app did not answer. Check your connection and try again.',
      code: 'noAnswer',
      params: {},
      problems: [],
    };
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
      if (live)
        setState(
          r.ok
            ? { status: 'ready', data: r.data }
            : { status: 'error', message: r.message, ...(r.code ? { code: r.code, params: r.params } : {}) },
        );
    });
    return () => {
      live = false;
    };
  }, [name, body, attempt]);
  const reload = useCallback(() => setAttempt((a) => a + 1), []);
  return [state, reload];
}

/** A text field's value from its change event (UI Kit types the event's target loosely). */
export function inputValue(event: unknown): string {
  const target = typeof event === 'object' && event !== null && 'target' in event ? event.target : null;
  const value = typeof target === 'object' && target !== null && 'value' in target ? target.value : '';
  return typeof value === 'string' ? value : '';
}
