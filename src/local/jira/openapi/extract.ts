/**
 * One-off: cut Jira's official OpenAPI spec down to the operations the emulator serves and the schemas they
 * reference, so the emulator and its contract test never read the 2.4 MB original (absent from a user's clone).
 * Run: npx tsx src/local/jira/openapi/extract.ts [path/to/openapi-v3.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Path template → methods the emulator serves. */
const servedOperations: Record<string, string[]> = {
  '/rest/api/3/issue': ['post'],
  '/rest/api/3/issue/bulk': ['post'],
  '/rest/api/3/issue/{issueIdOrKey}': ['get', 'put', 'delete'],
  '/rest/api/3/issue/{issueIdOrKey}/properties': ['get'],
  '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}': ['get', 'put', 'delete'],
  '/rest/api/3/issue/{issueIdOrKey}/transitions': ['get', 'post'],
  '/rest/api/3/issue/{issueIdOrKey}/comment': ['get', 'post'],
  '/rest/api/3/issue/{issueIdOrKey}/comment/{id}': ['get', 'put', 'delete'],
  '/rest/api/3/issue/{issueIdOrKey}/attachments': ['post'],
  '/rest/api/3/attachment/{id}': ['get', 'delete'],
  '/rest/api/3/attachment/content/{id}': ['get'],
  '/rest/api/3/myself': ['get'],
  '/rest/api/3/mypermissions': ['get'],
  '/rest/api/3/priority': ['get'],
  '/rest/api/3/project/{projectIdOrKey}': ['get'],
  '/rest/api/3/project/{projectIdOrKey}/statuses': ['get'],
  '/rest/api/3/user': ['get'],
  '/rest/api/3/user/search': ['get'],
  '/rest/api/3/user/email/bulk': ['get'],
  '/rest/api/3/search/jql': ['get', 'post'],
  '/rest/api/3/issue/{issueIdOrKey}/editmeta': ['get'],
  '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes': ['get'],
  '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}': ['get'],
  '/rest/api/3/field': ['get'],
  '/rest/api/3/status': ['get'],
  '/rest/api/3/user/assignable/search': ['get'],
  '/rest/api/3/users/search': ['get'],
  '/rest/api/3/webhook': ['get', 'post', 'delete'],
  '/rest/api/3/webhook/refresh': ['put'],
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function collectRefs(node: Json | undefined, into: Set<string>): void {
  if (Array.isArray(node)) node.forEach((child) => collectRefs(child, into));
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') into.add(value.replace('#/components/schemas/', ''));
      else collectRefs(value, into);
    }
  }
}

/** Drops prose and examples: the subset is for validation, and keeping it small keeps diffs readable. */
function stripProse(node: Json): Json {
  if (Array.isArray(node)) return node.map(stripProse);
  if (!isObject(node)) return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'description' && typeof value === 'string') continue;
    if (key === 'example' || key === 'examples' || key === 'x-atlassian-connect-scope') continue;
    out[key] = stripProse(value);
  }
  return out;
}

function extractSubset(spec: { [key: string]: Json }): { [key: string]: Json } {
  const paths = spec.paths;
  const components = spec.components;
  if (!isObject(paths) || !isObject(components) || !isObject(components.schemas))
    throw new Error('not an OpenAPI 3 spec');
  const allSchemas = components.schemas;
  const outPaths: { [key: string]: Json } = {};
  const refs = new Set<string>();
  for (const [path, methods] of Object.entries(servedOperations)) {
    const item = paths[path];
    if (!isObject(item)) throw new Error(`spec has no path ${path}`);
    const kept: { [key: string]: Json } = {};
    for (const method of methods) {
      const op = item[method];
      if (!isObject(op)) throw new Error(`spec has no ${method} ${path}`);
      kept[method] = stripProse({
        operationId: op.operationId ?? null,
        parameters: op.parameters ?? [],
        requestBody: op.requestBody ?? null,
        responses: op.responses ?? {},
      });
      collectRefs(kept[method], refs);
    }
    outPaths[path] = kept;
  }
  const outSchemas: { [key: string]: Json } = {};
  const queue = [...refs];
  while (queue.length > 0) {
    const name = queue.pop();
    if (name === undefined || name in outSchemas) continue;
    const schema = allSchemas[name];
    if (schema === undefined) throw new Error(`dangling $ref ${name}`);
    outSchemas[name] = stripProse(schema);
    const inner = new Set<string>();
    collectRefs(schema, inner);
    queue.push(...[...inner].filter((n) => !(n in outSchemas)));
  }
  const info: Json = isObject(spec.info) ? { title: spec.info.title ?? null, version: spec.info.version ?? null } : {};
  return { openapi: spec.openapi ?? '3.0.1', info, paths: outPaths, components: { schemas: outSchemas } };
}

if (process.argv[1]?.endsWith('extract.ts')) {
  const source = process.argv[2] ?? '/work/shared/fixtures/jira/openapi-v3.json';
  const spec = JSON.parse(readFileSync(source, 'utf8')) as { [key: string]: Json };
  const subset = extractSubset(spec);
  const target = join(__dirname, 'subset.json');
  writeFileSync(target, `${JSON.stringify(subset, null, 1)}\n`);
  console.log(`wrote ${target}`);
}
