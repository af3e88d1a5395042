/**
 * The single path every Bitrix24 call takes: JSON POST to the method URL, the envelope and errors decoded once,
 * one refresh-and-retry on `expired_token`, and the `result` validated before anyone reads it.
 */
import { z } from 'zod';
import type { Clock } from '../../ports/clock';
import type { HttpTransport } from '../../ports/http';
import { networkError, parseJsonText, parseReply } from '../reply';
import type { B24Auth, B24Endpoint } from './auth';
import { type B24ErrorBody, translateB24Failure } from './errors';

export interface B24Reply<T> {
  result: T;
  total?: number;
  next?: number;
}

export interface B24CallOptions {
  /** REST 3.0 method (/rest/api/…). */
  v3?: boolean;
}

export interface B24Caller {
  call<T>(
    method: string,
    params: Record<string, unknown>,
    schema: z.ZodType<T>,
    options?: B24CallOptions,
  ): Promise<B24Reply<T>>;
}

const timeSchema = z.object({ operating_reset_at: z.number().optional() }).optional();
const envelopeSchema = z.object({
  result: z.unknown(),
  total: z.coerce.number().optional(),
  next: z.coerce.number().optional(),
  time: timeSchema,
});
const v2ErrorSchema = z.object({ error: z.string(), error_description: z.string().default(''), time: timeSchema });
const v3ErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string().default('') }),
  time: timeSchema,
});

const readError = (data: unknown): B24ErrorBody | null => {
  const v2 = v2ErrorSchema.safeParse(data);
  const time = v2.success ? v2.data.time : undefined;
  if (v2.success) {
    return {
      error: v2.data.error,
      description: v2.data.error_description,
      ...(time?.operating_reset_at === undefined ? {} : { operatingResetAt: time.operating_reset_at }),
    };
  }
  const v3 = v3ErrorSchema.safeParse(data);
  return v3.success ? { error: v3.data.error.code, description: v3.data.error.message } : null;
};

const parseBody = (text: string, what: string, status: number): unknown => {
  // Gateways answer 5xx/503 with HTML; the status then decides the error.
  if (status >= 400 && !text.trimStart().startsWith('{')) return null;
  return parseJsonText(text, what, `b24:${status}`);
};

export const createB24Caller = (auth: B24Auth, transport: HttpTransport, clock: Clock): B24Caller => {
  const attempt = async (method: string, params: Record<string, unknown>, endpoint: B24Endpoint, v3: boolean) => {
    const what = `Bitrix24 ${method}`;
    const body = endpoint.accessToken === undefined ? params : { ...params, auth: endpoint.accessToken };
    let reply;
    try {
      reply = await transport(`${v3 ? endpoint.v3 : endpoint.v2}${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (cause) {
      throw networkError(what, 'b24:network', cause);
    }
    const data = parseBody(await reply.text(), what, reply.status);
    const error = readError(data);
    return { what, status: reply.status, data, error };
  };

  return {
    async call(method, params, schema, options = {}) {
      const v3 = options.v3 === true;
      let endpoint = await auth.endpoint();
      let outcome = await attempt(method, params, endpoint, v3);
      if (outcome.error?.error === 'expired_token') {
        endpoint = await auth.refreshAfterExpiry(endpoint);
        outcome = await attempt(method, params, endpoint, v3);
      }
      const { what, status, data, error } = outcome;
      if (error !== null || status >= 400) throw translateB24Failure(what, status, error, clock.now());
      const envelope = parseReply(envelopeSchema, data, what, `b24:${status}`);
      const result = parseReply(schema, envelope.result, what, `b24:${status}`);
      return {
        result,
        ...(envelope.total === undefined ? {} : { total: envelope.total }),
        ...(envelope.next === undefined ? {} : { next: envelope.next }),
      };
    },
  };
};
