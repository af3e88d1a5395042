/**
 * The single path every Jira call takes: send through the transport, translate failures once, validate replies.
 */
import type { z } from 'zod';
import { isSyncError, PermanentError } from '../../core/errors';
import type { Clock } from '../../ports/clock';
import type { HttpReply, HttpRequestInit } from '../../ports/http';
import { networkError, parseJsonText, parseReply } from '../reply';
import { translateJiraFailure } from './errors';

/** `(path, init) => asApp().requestJira(assumeTrustedRoute(path), init)` in production; a fake in tests. */
export type JiraTransport = (path: string, init: HttpRequestInit) => Promise<HttpReply>;

export interface JiraRequester {
  /** Sends and validates a JSON reply. */
  json<T>(what: string, path: string, init: HttpRequestInit, schema: z.ZodType<T>): Promise<T>;
  /** Sends and ignores the reply body (204s, or replies we do not read). */
  send(what: string, path: string, init: HttpRequestInit): Promise<HttpReply>;
}

const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' };

export const jsonBody = (method: HttpRequestInit['method'], body?: unknown): HttpRequestInit =>
  body === undefined
    ? { method, headers: { Accept: 'application/json' } }
    : { method, headers: JSON_HEADERS, body: JSON.stringify(body) };

/** How a failed reply becomes a SyncError; Data Center names its own causes (an expired token) on top of Cloud's. */
export type JiraFailureTranslator = typeof translateJiraFailure;

export const createJiraRequester = (
  transport: JiraTransport,
  clock: Clock,
  translate: JiraFailureTranslator = translateJiraFailure,
): JiraRequester => {
  const send = async (what: string, path: string, init: HttpRequestInit): Promise<HttpReply> => {
    let reply: HttpReply;
    try {
      reply = await transport(path, init);
    } catch (cause) {
      // A transport that already typed its failure (a refused redirect, an OAuth grant that is gone) keeps it.
      if (isSyncError(cause)) throw cause;
      throw networkError(`Jira ${what}`, 'jira:network', cause);
    }
    if (reply.status >= 400) {
      const text = await reply.text().catch(() => '');
      throw translate(`Jira ${what}`, reply.status, reply.headers, text, clock.now());
    }
    return reply;
  };

  const json = async <T>(what: string, path: string, init: HttpRequestInit, schema: z.ZodType<T>): Promise<T> => {
    const reply = await send(what, path, init);
    const code = `jira:${reply.status}`;
    return parseReply(schema, parseJsonText(await reply.text(), `Jira ${what}`, code), `Jira ${what}`, code);
  };

  return { json, send };
};

/** Single-entity reads: Jira's 404 means "gone", which the sync handles as data. */
export const nullIfNotFound = async <T>(read: Promise<T>): Promise<T | null> => {
  try {
    return await read;
  } catch (e) {
    if (e instanceof PermanentError && e.reason === 'not-found') return null;
    throw e;
  }
};

export const enc = encodeURIComponent;
