/**
 * Checks of manifest.yml that @forge/manifest's validator does not make: handlers that name real exports of
 * src/index.ts, and trigger events that Jira really emits (the validator accepts any string, e.g. the
 * non-existent avi:jira:updated:comment).
 */
import { parse } from 'yaml';

/** Jira product events per the Forge events reference (developer.atlassian.com/platform/forge/events-reference/jira). */
export const JIRA_PRODUCT_EVENTS = new Set([
  'avi:jira:created:issue',
  'avi:jira:updated:issue',
  'avi:jira:deleted:issue',
  'avi:jira:assigned:issue',
  'avi:jira:viewed:issue',
  'avi:jira:mentioned:issue',
  'avi:jira:commented:issue',
  'avi:jira:mentioned:comment',
  'avi:jira:deleted:comment',
  'avi:jira:created:attachment',
  'avi:jira:deleted:attachment',
  'avi:jira:created:issuelink',
  'avi:jira:deleted:issuelink',
  'avi:jira:created:worklog',
  'avi:jira:updated:worklog',
  'avi:jira:deleted:worklog',
  'avi:jira:set:issue-property',
  'avi:jira:deleted:issue-property',
]);

export interface ManifestShape {
  app?: { runtime?: { name?: string } };
  modules?: {
    function?: { key: string; handler: string }[];
    trigger?: { key: string; events: string[]; filter?: { ignoreSelf?: boolean } }[];
  };
}

export function readManifest(yamlText: string): ManifestShape {
  return parse(yamlText) as ManifestShape;
}

/** Every `handler: index.<name>` must be exported by src/index.ts. */
export function handlerProblems(manifest: ManifestShape, indexExports: string[]): string[] {
  return (manifest.modules?.function ?? []).flatMap(({ key, handler }) => {
    const [file, exportName] = handler.split('.');
    if (file !== 'index') return [`function ${key}: handler ${handler} is not in src/index.ts`];
    if (!exportName || !indexExports.includes(exportName)) {
      return [`function ${key}: src/index.ts does not export ${exportName ?? '(nothing)'}`];
    }
    return [];
  });
}

export function triggerEventProblems(manifest: ManifestShape): string[] {
  return (manifest.modules?.trigger ?? []).flatMap(({ key, events }) =>
    events.filter((e) => !JIRA_PRODUCT_EVENTS.has(e)).map((e) => `trigger ${key}: ${e} is not a Jira product event`),
  );
}
