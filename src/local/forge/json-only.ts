/**
 * The `webTriggerJsonOnly` fault: a web trigger that takes only JSON bodies, as Atlassian's ECO-563 reads Forge's
 * "the request is serialized to JSON". Whether the real platform refuses a form body, and with which status, cannot
 * be settled offline; 415 is our choice (see src/local/README.md). Bitrix24 never retries, so a refused delivery
 * is lost exactly like a dropped one.
 */
export async function refusedAsNotJson(request: Request): Promise<Response | null> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const declared = type === 'application/json' || type.endsWith('+json');
  let parses = true;
  try {
    JSON.parse(await request.clone().text());
  } catch {
    parses = false;
  }
  if (declared && parses) return null;
  return new Response(JSON.stringify({ message: 'Web triggers accept only a JSON request body' }), {
    status: 415,
    headers: { 'content-type': 'application/json' },
  });
}
