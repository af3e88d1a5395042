/**
 * A client we did not write, aimed at the emulated Bitrix24: @bitrix24/b24jssdk's B24Hook (webhook mode) talking
 * over real HTTP to the sandbox server, which serves the portal under /b24/rest/.
 *
 * The SDK insists on `https://<portal>/rest/…`; the request goes to the sandbox through axios's documented request
 * interceptor (https://axios-http.com/docs/interceptors) on the SDK's own axios instance, `getHttpClient(v).
 * ajaxClient` (typed in the SDK's index.d.ts; its JSDoc shows the same instance being configured). The interceptor
 * changes nothing but scheme, host and the `/b24` prefix: method, query and body are what the SDK sent.
 */
import type { Server } from 'node:http';
import { ApiVersion, B24Hook, B24OAuth, EnumAppStatus, type AbstractB24, type AjaxResult } from '@bitrix24/b24jssdk';
import { ManualClock } from '../../src/local/contracts';
import { LocalPlatform } from '../../src/local/platform';
import { createSandboxServer, listen } from '../../src/local/sandbox/server';

const RESTRICTIONS = { rateLimit: { burstLimit: 10_000, drainRate: 10_000, adaptiveEnabled: false }, maxRetries: 1 };

export interface SdkWorld {
  platform: LocalPlatform;
  /** B24Hook for a seeded person (webhook mode). */
  hook(userId: string): B24Hook;
  /** B24OAuth for the seeded local application as a seeded person, its token got through the documented code grant. */
  app(userId: string): Promise<B24OAuth>;
  /** Every URL the SDK asked for, as it asked (before the interceptor). */
  requested: string[];
  close(): Promise<void>;
}

export async function sdkWorld(): Promise<SdkWorld> {
  // No app connected: only the SDK calls the portal, so nothing else changes what the tests read.
  const platform = await LocalPlatform.create({
    clock: new ManualClock(),
    webtriggerBaseUrl: 'http://127.0.0.1',
    b24Limits: { bucketCapacity: 100_000 },
  });
  let origin = 'http://127.0.0.1:0';
  const server: Server = createSandboxServer(platform, () => origin);
  origin = `http://127.0.0.1:${await listen(server, 0)}`;
  const requested: string[] = [];
  // The SDK insists on https://<portal>/rest/…; the request goes to the sandbox, otherwise unchanged.
  const redirect = (b24: AbstractB24): void => {
    for (const version of [ApiVersion.v2, ApiVersion.v3]) {
      b24.getHttpClient(version).ajaxClient.interceptors.request.use((config) => {
        const url = new URL(config.url ?? '', config.baseURL);
        requested.push(url.toString());
        config.url = `${origin}/b24${url.pathname}${url.search}`;
        config.baseURL = undefined;
        return config;
      });
    }
  };
  const hook = (userId: string): B24Hook => {
    const user = platform.seed.b24.users.find((u) => u.id === userId);
    if (!user) throw new Error(`no Bitrix24 user ${userId}`);
    const b24 = new B24Hook(
      { b24Url: `https://${platform.seed.b24.domain}`, userId: Number(user.id), secret: user.webhookSecret },
      // The portal's limits are the emulator's business; the SDK's own client-side pacing would only slow the suite.
      { restrictionParams: RESTRICTIONS },
    );
    b24.offClientSideWarning();
    redirect(b24);
    return b24;
  };
  const app = async (userId: string): Promise<B24OAuth> => {
    const { domain, memberId, applicationToken, oauthClient } = platform.seed.b24;
    if (!oauthClient) throw new Error('the seed has no local application');
    const code = platform.b24.issueAuthorizationCode(userId);
    const query = new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: oauthClient.clientId,
      client_secret: oauthClient.clientSecret,
      code,
    });
    const grant = (await (
      await platform.b24.handle(new Request(`https://oauth.bitrix.info/oauth/token/?${query.toString()}`))
    ).json()) as {
      access_token: string;
      refresh_token: string;
      expires_in: number;
      scope: string;
    };
    const b24 = new B24OAuth(
      {
        applicationToken,
        userId: Number(userId),
        memberId,
        accessToken: grant.access_token,
        refreshToken: grant.refresh_token,
        // The SDK judges expiry by the wall clock, the portal by its own (simulated) one: the token is fresh for both.
        expires: Math.floor(Date.now() / 1000) + grant.expires_in,
        expiresIn: grant.expires_in,
        scope: grant.scope,
        domain,
        clientEndpoint: `https://${domain}/rest/`,
        serverEndpoint: 'https://oauth.bitrix.info/rest/',
        status: EnumAppStatus.Local,
      },
      { clientId: oauthClient.clientId, clientSecret: oauthClient.clientSecret },
      { restrictionParams: RESTRICTIONS },
    );
    b24.offClientSideWarning();
    redirect(b24);
    return b24;
  };
  return { platform, hook, app, requested, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The `result` of a successful call (the SDK's AjaxResult keeps the whole envelope). */
export function resultOf<T>(reply: AjaxResult<T>): T {
  if (!reply.isSuccess) throw new Error(reply.getErrorMessages().join('; '));
  return (reply.getData() as { result: T }).result;
}

/** What the SDK throws for a refusal: the portal's code, HTTP status and description. */
export async function refusal(call: Promise<unknown>): Promise<{ code: string; status: number; message: string }> {
  try {
    const reply = (await call) as AjaxResult<unknown> | undefined;
    // A soft refusal comes back as an unsuccessful result carrying the same error.
    const [error] = reply?.getErrors() ?? [];
    if (error) {
      const e = error as unknown as { code: string; status: number; message: string };
      return { code: e.code, status: e.status, message: e.message };
    }
  } catch (error) {
    const e = error as { code: string; status: number; message: string };
    return { code: e.code, status: e.status, message: e.message };
  }
  throw new Error('the call was not refused');
}
