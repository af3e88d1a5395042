/** GET /field (system and custom fields) and GET /status (every status of every workflow on the site). */
import type { Handler } from '../context';
import { jsonResponse } from '../errors';
import { siteFields } from '../site-fields';
import { statusView } from '../views';

export const getFields: Handler = (ctx) =>
  jsonResponse(
    200,
    siteFields(ctx.state).map((f) => ({
      id: f.id,
      key: f.id,
      name: f.name,
      custom: f.custom,
      orderable: f.onScreens,
      navigable: true,
      searchable: true,
      clauseNames: f.clauseNames,
      schema: f.schema,
    })),
  );

export const getStatuses: Handler = (ctx) => {
  const seen = new Map<string, Record<string, unknown>>();
  for (const project of ctx.state.seed.projects) {
    const workflow = ctx.state.workflowOf(project);
    for (const s of workflow.statuses) if (!seen.has(s.id)) seen.set(s.id, statusView(ctx.state, workflow, s.id));
  }
  return jsonResponse(200, [...seen.values()]);
};
