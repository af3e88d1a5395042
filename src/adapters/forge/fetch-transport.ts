/**
 * Forge's `fetch` as the REST clients' transport: every call outside Atlassian (the Bitrix24 portal, its OAuth host)
 * goes through it, so the egress rules of manifest.yml apply. Redirects are not followed: a renamed portal answers its
 * old address with 302, and a POST followed as a GET would lose its body; the client sees the 302 instead.
 */
import { fetch } from '@forge/api';
import type { HttpReply, HttpRequestInit, HttpTransport } from '../../ports/http';

export const forgeFetchTransport: HttpTransport = async (url: string, init: HttpRequestInit): Promise<HttpReply> =>
  fetch(url, { method: init.method, headers: init.headers, body: init.body, redirect: 'manual' });
