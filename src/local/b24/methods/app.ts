/**
 * app.info (common/system/app-info.md): the application's own record, in application context only. An incoming
 * webhook gets the documented ACCESS_DENIED "Application context required". The reply names no member_id: an
 * OAuth app learns it from the token reply, a webhook connection from its admin.
 */
import type { CallContext, MethodTable } from '../context';
import { B24Error } from '../envelope';

function info(ctx: CallContext): { result: unknown } {
  if (ctx.actor.kind === 'webhook')
    throw new B24Error('ACCESS_DENIED', 'Access denied! Application context required', 400);
  return {
    result: {
      ID: 1,
      CODE: 'local.b24syncforjira',
      VERSION: 1,
      STATUS: 'L',
      INSTALLED: true,
      PAYMENT_EXPIRED: 'N',
      DAYS: null,
      LANGUAGE_ID: 'en',
      LICENSE: 'en_pro100',
      LICENSE_TYPE: 'pro100',
      LICENSE_FAMILY: 'pro',
    },
  };
}

export const appMethods: MethodTable = {
  'app.info': { scope: null, run: info },
};
