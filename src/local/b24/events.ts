/**
 * Outgoing event deliveries. Bitrix24 POSTs a form body (PHP http_build_query) to every bound handler for every
 * change, including the app's own writes, with IDs only, once: a failed delivery is never retried.
 */
import type { B24Outbox, Clock } from '../contracts';
import { OAUTH_HOST, ALL_SCOPES, type OAuthServer } from './oauth';
import { httpBuildQuery } from './php-query';
import type { B24State, HandlerRecord } from './state';

export type TaskEvent =
  | { event: 'ONTASKADD' | 'ONTASKUPDATE' | 'ONTASKDELETE'; taskId: number }
  | { event: 'ONTASKCOMMENTADD'; taskId: number; commentId: number }
  | { event: 'ONTASKCOMMENTADD'; taskId: number; messageId: number }
  | { event: 'ONTASKCOMMENTUPDATE' | 'ONTASKCOMMENTDELETE'; taskId: number; commentId: number };

export const BINDABLE_EVENTS = [
  'ONTASKADD',
  'ONTASKUPDATE',
  'ONTASKDELETE',
  'ONTASKCOMMENTADD',
  'ONTASKCOMMENTUPDATE',
  'ONTASKCOMMENTDELETE',
  'ONAPPINSTALL',
  'ONAPPUNINSTALL',
];

/** `data` exactly as the docs' event pages print it (and, for the chat card, as observed on a live portal). */
function eventData(e: TaskEvent): Record<string, unknown> {
  switch (e.event) {
    case 'ONTASKADD':
      return {
        FIELDS_BEFORE: 'undefined',
        FIELDS_AFTER: { ID: e.taskId },
        IS_ACCESSIBLE_BEFORE: 'N',
        IS_ACCESSIBLE_AFTER: 'undefined',
      };
    case 'ONTASKUPDATE':
      return {
        FIELDS_BEFORE: { ID: e.taskId },
        FIELDS_AFTER: { ID: e.taskId },
        IS_ACCESSIBLE_BEFORE: 'undefined',
        IS_ACCESSIBLE_AFTER: 'undefined',
      };
    case 'ONTASKDELETE':
      return {
        FIELDS_BEFORE: { ID: e.taskId },
        FIELDS_AFTER: 'undefined',
        IS_ACCESSIBLE_BEFORE: 'undefined',
        IS_ACCESSIBLE_AFTER: 'N',
      };
    case 'ONTASKCOMMENTADD':
      if ('messageId' in e) {
        return {
          FIELDS_BEFORE: 'undefined',
          FIELDS_AFTER: { ID: 0, MESSAGE_ID: e.messageId, TASK_ID: e.taskId },
          IS_ACCESSIBLE_BEFORE: 'N',
          IS_ACCESSIBLE_AFTER: 'undefined',
        };
      }
      return {
        FIELDS_BEFORE: 'undefined',
        FIELDS_AFTER: { ID: e.commentId, TASK_ID: e.taskId },
        IS_ACCESSIBLE_BEFORE: 'undefined',
        IS_ACCESSIBLE_AFTER: 'undefined',
      };
    case 'ONTASKCOMMENTUPDATE':
    case 'ONTASKCOMMENTDELETE':
      return {
        FIELDS_BEFORE: { ID: e.commentId, TASK_ID: e.taskId },
        FIELDS_AFTER: {
          ID: e.commentId,
          TASK_ID: e.taskId,
          ACTION: e.event === 'ONTASKCOMMENTUPDATE' ? 'EDIT' : 'DEL',
        },
        IS_ACCESSIBLE_BEFORE: 'undefined',
        IS_ACCESSIBLE_AFTER: 'undefined',
      };
  }
}

export class EventBus {
  constructor(
    private readonly state: B24State,
    private readonly clock: Clock,
    private readonly outbox: B24Outbox,
    private readonly oauth: OAuthServer,
  ) {}

  /**
   * The `auth_connector` the current write call passed: offline bindings with the same source key do not record
   * that call's changes (offline-events.md, "How to Avoid Cycles"). Set by the router around each call.
   */
  writerConnector = '';

  /** `actorId` is the user who made the change: an app handler receives that user's fresh tokens. */
  emit(e: TaskEvent, actorId: number): void {
    for (const binding of this.state.handlers.filter((h) => h.event === e.event && h.offline)) {
      if (binding.authConnector !== '' && binding.authConnector === this.writerConnector) continue;
      this.state.offline.record(e.event, eventData(e), binding.authConnector, this.clock.now());
    }
    for (const handler of this.state.handlers.filter((h) => h.event === e.event && !h.offline)) {
      const body = httpBuildQuery(this.envelope(handler, e, actorId));
      this.outbox(
        new Request(handler.handler, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        }),
      );
    }
  }

  /**
   * ONAPPUNINSTALL as common/events/on-app-uninstall.md prints it: `data` is LANGUAGE_ID and CLEAN, and `auth`
   * carries the portal and the application token but no access token (the app's access is already revoked).
   */
  emitUninstall(clean: boolean): void {
    const domain = this.state.seed.domain;
    for (const handler of this.state.handlers.filter((h) => h.event === 'ONAPPUNINSTALL' && !h.offline)) {
      const body = httpBuildQuery({
        event: 'ONAPPUNINSTALL',
        event_handler_id: handler.id,
        data: { LANGUAGE_ID: 'en', CLEAN: clean ? 1 : 0 },
        ts: String(Math.floor(this.clock.now() / 1000)),
        auth: {
          domain,
          server_endpoint: `https://${OAUTH_HOST}/rest/`,
          client_endpoint: `https://${domain}/rest/`,
          member_id: this.state.seed.memberId,
          application_token: handler.applicationToken,
        },
      });
      this.outbox(
        new Request(handler.handler, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        }),
      );
    }
  }

  private envelope(handler: HandlerRecord, e: TaskEvent, actorId: number): Record<string, unknown> {
    const domain = this.state.seed.domain;
    const common = {
      domain,
      client_endpoint: `https://${domain}/rest/`,
      server_endpoint: `https://${OAUTH_HOST}/rest/`,
      member_id: this.state.seed.memberId,
      application_token: handler.applicationToken,
    };
    const auth =
      handler.kind === 'webhook'
        ? common
        : {
            access_token: this.oauth.issueAccessToken(String(handler.authType || actorId)).token,
            expires_in: '3600',
            scope: ALL_SCOPES.join(','),
            domain,
            server_endpoint: common.server_endpoint,
            status: 'L',
            client_endpoint: common.client_endpoint,
            member_id: common.member_id,
            application_token: common.application_token,
          };
    return {
      event: e.event,
      event_handler_id: handler.id,
      data: eventData(e),
      ts: String(Math.floor(this.clock.now() / 1000)),
      auth,
    };
  }
}
