/**
 * The one HTTP shape the REST clients depend on. Forge's `fetch` and `requestJira` replies, WHATWG `Response` and
 * test fakes all fit it, so clients never import `@forge/api` themselves.
 */
export interface HttpRequestInit {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  headers?: Record<string, string>;
  /** Forge's fetch accepts string and ArrayBuffer bodies (multipart is built into an ArrayBuffer). */
  body?: string | ArrayBuffer;
}

export interface HttpReply {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  /** Needed only for binary downloads (attachments). */
  arrayBuffer?(): Promise<ArrayBuffer>;
}

/** Throws only on network failure; any HTTP status is a reply. */
export type HttpTransport = (url: string, init: HttpRequestInit) => Promise<HttpReply>;
