/**
 * The served slice of Jira's official OpenAPI spec (openapi/subset.json, cut by openapi/extract.ts), compiled with
 * ajv. The emulator checks request bodies against it; the contract test checks every reply against it.
 */
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import subset from './openapi/subset.json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** OpenAPI 3.0 → JSON Schema: local refs point into the registered document, `nullable` admits null. */
function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!isObject(node)) return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string')
      out[key] = value.replace('#/components/', 'jira-spec#/components/');
    else if (key === 'nullable') continue;
    else out[key] = toJsonSchema(value);
  }
  if (node.nullable === true) return { anyOf: [out, { type: 'null' }] };
  return out;
}

let ajv: Ajv | undefined;
const cache = new Map<string, ValidateFunction | null>();

function compiler(): Ajv {
  if (ajv === undefined) {
    ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ $id: 'jira-spec', components: toJsonSchema(subset.components) });
  }
  return ajv;
}

function operation(method: string, template: string): { [key: string]: Json } | undefined {
  const paths = subset.paths as unknown as { [key: string]: Json };
  const item = paths[template];
  if (!isObject(item)) return undefined;
  const op = item[method.toLowerCase()];
  return isObject(op) ? op : undefined;
}

function schemaAt(node: Json | undefined, ...keys: string[]): Json | undefined {
  let current: Json | undefined = node;
  for (const key of keys) current = isObject(current) ? current[key] : undefined;
  return current;
}

function compiled(cacheKey: string, schema: Json | undefined): ValidateFunction | null {
  if (!cache.has(cacheKey))
    cache.set(cacheKey, schema === undefined ? null : compiler().compile(toJsonSchema(schema) as object));
  return cache.get(cacheKey) ?? null;
}

function problems(validate: ValidateFunction | null, value: unknown): string[] {
  if (validate === null || validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

/** Problems with a JSON request body for `METHOD template`; [] when valid or when the spec has no JSON body schema. */
export function requestProblems(method: string, template: string, body: unknown): string[] {
  const schema = schemaAt(operation(method, template), 'requestBody', 'content', 'application/json', 'schema');
  return problems(compiled(`req ${method} ${template}`, schema), body);
}

/** Problems with a reply body; throws when the spec documents no JSON body for that status (a test bug). */
export function responseProblems(method: string, template: string, status: number, body: unknown): string[] {
  const op = operation(method, template);
  if (op === undefined) throw new Error(`spec subset does not serve ${method} ${template}`);
  const schema = schemaAt(op, 'responses', String(status), 'content', 'application/json', 'schema');
  if (schema === undefined) throw new Error(`spec documents no JSON body for ${status} on ${method} ${template}`);
  return problems(compiled(`res ${status} ${method} ${template}`, schema), body);
}

/** Whether the spec lists `status` among the operation's responses at all. */
export function documentsStatus(method: string, template: string, status: number): boolean {
  return schemaAt(operation(method, template), 'responses', String(status)) !== undefined;
}
