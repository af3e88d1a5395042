/** Jira's error answers: `{errorMessages, errors}` (ErrorCollection), thrown by handlers and rendered once by the router. */

export class JiraHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[],
    readonly errors: Record<string, string> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${[...errorMessages, ...Object.values(errors)].join('; ')}`);
  }
}

export const badRequest = (messages: string[], errors: Record<string, string> = {}, detail?: string): JiraHttpError =>
  new JiraHttpError(400, messages, errors, detail === undefined ? {} : { 'X-Emulator-Detail': detail.slice(0, 500) });

export const notFound = (message: string): JiraHttpError => new JiraHttpError(404, [message]);

export const issueNotFound = (): JiraHttpError =>
  notFound('Issue does not exist or you do not have permission to see it.');

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json;charset=UTF-8', ...headers },
  });
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers });
}

export function errorResponse(error: JiraHttpError): Response {
  return jsonResponse(error.status, { errorMessages: error.errorMessages, errors: error.errors }, error.headers);
}
