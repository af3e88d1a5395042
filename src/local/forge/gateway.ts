/**
 * The three GraphQL operations `@forge/api`'s `webTrigger` sends to Atlassian's gateway (`/graphql` as the app):
 * `createWebTriggerUrl`, `webTriggerUrlsByAppContext` and `deleteWebTriggerUrl`. Anything else answers a GraphQL
 * error, so an SDK feature the local platform does not emulate fails loudly.
 */
import { z } from 'zod';

const body = z.object({ query: z.string(), variables: z.record(z.string(), z.unknown()).optional() });
const createInput = z.object({ input: z.object({ triggerKey: z.string() }) });

export interface WebtriggerDirectory {
  keys(): string[];
  url(moduleKey: string): string;
}

function reply(data: unknown, errors?: { message: string }[]): Response {
  return Response.json({ data, ...(errors ? { errors } : {}) });
}

export function answerGraphql(raw: string, webtriggers: WebtriggerDirectory): Response {
  let parsed: z.infer<typeof body>;
  try {
    parsed = body.parse(JSON.parse(raw));
  } catch {
    return new Response('Bad Request', { status: 400 });
  }
  const { query, variables = {} } = parsed;
  if (query.includes('createWebTriggerUrl')) {
    const input = createInput.safeParse(variables);
    const key = input.success ? input.data.input.triggerKey : '';
    if (!webtriggers.keys().includes(key))
      return reply({ createWebTriggerUrl: null }, [{ message: `No webtrigger module ${key} in manifest.yml` }]);
    return reply({ createWebTriggerUrl: { url: webtriggers.url(key) } });
  }
  if (query.includes('webTriggerUrlsByAppContext')) {
    return reply({
      webTriggerUrlsByAppContext: webtriggers.keys().map((k) => ({ triggerKey: k, url: webtriggers.url(k) })),
    });
  }
  if (query.includes('deleteWebTriggerUrl')) {
    // Local URLs are stable per module key, like Forge's per app, site, product, environment and key.
    return reply({ deleteWebTriggerUrl: { success: true, message: null } });
  }
  return reply(null, [{ message: 'This GraphQL operation is not emulated by the local platform' }]);
}
