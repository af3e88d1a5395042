/** Issue entity properties: where the app keeps its B24 task marker (idempotent creation). No events, as in Jira. */
import type { Handler } from '../context';
import { badRequest, emptyResponse, jsonResponse, notFound } from '../errors';

const MAX_VALUE_BYTES = 32_768;

export const getPropertyKeys: Handler = (ctx) => {
  const issue = ctx.state.requireIssue(ctx.params.issueIdOrKey ?? '');
  const base = `${ctx.state.seed.baseUrl}/rest/api/3/issue/${issue.id}/properties`;
  return jsonResponse(200, {
    keys: [...issue.properties.keys()].map((key) => ({ key, self: `${base}/${encodeURIComponent(key)}` })),
  });
};

export const getProperty: Handler = (ctx) => {
  const issue = ctx.state.requireIssue(ctx.params.issueIdOrKey ?? '');
  const key = ctx.params.propertyKey ?? '';
  if (!issue.properties.has(key)) throw notFound(`The property with key '${key}' does not exist.`);
  return jsonResponse(200, { key, value: issue.properties.get(key) });
};

export const setProperty: Handler = async (ctx) => {
  const issue = ctx.state.requireIssue(ctx.params.issueIdOrKey ?? '');
  const key = ctx.params.propertyKey ?? '';
  if (key.length === 0 || key.length > 255)
    throw badRequest(['The property key must be between 1 and 255 characters long.']);
  const text = await ctx.request.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest(['The property value must be valid JSON.']);
  }
  if (new TextEncoder().encode(text).byteLength > MAX_VALUE_BYTES)
    throw badRequest([`The property value must not be longer than ${MAX_VALUE_BYTES} bytes.`]);
  ctx.limiter.admitIssueWrite(issue.id);
  const existed = issue.properties.has(key);
  issue.properties.set(key, value);
  return emptyResponse(existed ? 200 : 201);
};

export const deleteProperty: Handler = (ctx) => {
  const issue = ctx.state.requireIssue(ctx.params.issueIdOrKey ?? '');
  const key = ctx.params.propertyKey ?? '';
  if (!issue.properties.delete(key)) throw notFound(`The property with key '${key}' does not exist.`);
  return emptyResponse(204);
};
