/**
 * The parts of manifest.yml the local runtime wires by: functions, triggers, web triggers, consumers, scheduled
 * triggers, UI modules' resolvers, and the egress allow-list. Anything else in the file is ignored here (the
 * foundation tests validate the whole manifest with @forge/manifest).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

const functionSchema = z.object({
  key: z.string(),
  handler: z.string().regex(/^[^.]+\.[A-Za-z_$][\w$]*$/),
  timeoutSeconds: z.number().optional(),
});
const triggerSchema = z.object({
  key: z.string(),
  function: z.string(),
  events: z.array(z.string()).min(1),
  filter: z.object({ ignoreSelf: z.boolean().optional() }).loose().optional(),
});
const webtriggerSchema = z.object({
  key: z.string(),
  function: z.string(),
  response: z
    .object({
      type: z.enum(['dynamic', 'static']),
      outputs: z
        .array(
          z.object({
            key: z.string(),
            statusCode: z.number(),
            body: z.string().optional(),
            contentType: z.string().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});
const consumerSchema = z.object({
  key: z.string(),
  queue: z.string().regex(/^[a-zA-Z0-9-_]{1,36}$/),
  function: z.string(),
});
const scheduledSchema = z.object({
  key: z.string(),
  function: z.string(),
  interval: z.enum(['fiveMinute', 'hour', 'day', 'week']),
});
const uiModuleSchema = z.object({ key: z.string(), resolver: z.object({ function: z.string() }).optional() }).loose();
const egressEntry = z.union([z.string(), z.object({ address: z.string() }).loose()]);

const manifestSchema = z.object({
  modules: z
    .object({
      function: z.array(functionSchema).default([]),
      trigger: z.array(triggerSchema).default([]),
      webtrigger: z.array(webtriggerSchema).default([]),
      consumer: z.array(consumerSchema).default([]),
      scheduledTrigger: z.array(scheduledSchema).default([]),
    })
    .catchall(z.unknown()),
  app: z.object({ id: z.string() }).loose(),
  permissions: z
    .object({
      scopes: z.array(z.string()).default([]),
      external: z
        .object({
          fetch: z
            .object({ backend: z.array(egressEntry).default([]) })
            .loose()
            .optional(),
        })
        .loose()
        .optional(),
    })
    .loose()
    .optional(),
});

export type FunctionModule = z.infer<typeof functionSchema>;
export type TriggerModule = z.infer<typeof triggerSchema>;
export type WebtriggerModule = z.infer<typeof webtriggerSchema>;
export type ConsumerModule = z.infer<typeof consumerSchema>;
export type ScheduledModule = z.infer<typeof scheduledSchema>;

export interface ResolverModule {
  moduleType: string;
  key: string;
  function: string;
}

export interface ForgeManifest {
  appId: string;
  functions: Map<string, FunctionModule>;
  triggers: TriggerModule[];
  webtriggers: WebtriggerModule[];
  consumers: ConsumerModule[];
  scheduledTriggers: ScheduledModule[];
  resolvers: ResolverModule[];
  /** `permissions.external.fetch.backend` addresses as written (for @forge/egress's matcher). */
  egress: string[];
  /** `permissions` as the runtime reports it in `getAppContext().permissions`. */
  permissions: { scopes: string[]; external: Record<string, unknown> };
}

export const INTERVAL_MS: Record<ScheduledModule['interval'], number> = {
  fiveMinute: 5 * 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
};

const RUNTIME_MODULES = new Set(['function', 'trigger', 'webtrigger', 'consumer', 'scheduledTrigger']);

function egressAddress(entry: z.infer<typeof egressEntry>): string {
  return typeof entry === 'string' ? entry : entry.address;
}

function uiResolvers(modules: Record<string, unknown>): ResolverModule[] {
  const found: ResolverModule[] = [];
  for (const [moduleType, list] of Object.entries(modules)) {
    if (RUNTIME_MODULES.has(moduleType) || !Array.isArray(list)) continue;
    for (const raw of list) {
      const parsed = uiModuleSchema.safeParse(raw);
      if (parsed.success && parsed.data.resolver)
        found.push({ moduleType, key: parsed.data.key, function: parsed.data.resolver.function });
    }
  }
  return found;
}

function parseManifest(text: string): ForgeManifest {
  const raw = manifestSchema.parse(parse(text));
  const { function: functions, trigger, webtrigger, consumer, scheduledTrigger, ...others } = raw.modules;
  const byKey = new Map(functions.map((f) => [f.key, f]));
  const manifest: ForgeManifest = {
    appId: raw.app.id,
    functions: byKey,
    triggers: trigger,
    webtriggers: webtrigger,
    consumers: consumer,
    scheduledTriggers: scheduledTrigger,
    resolvers: uiResolvers(others),
    egress: (raw.permissions?.external?.fetch?.backend ?? []).map(egressAddress),
    permissions: { scopes: raw.permissions?.scopes ?? [], external: raw.permissions?.external ?? {} },
  };
  const referenced = [...trigger, ...webtrigger, ...consumer, ...scheduledTrigger, ...manifest.resolvers].map(
    (m) => m.function,
  );
  const missing = referenced.filter((key) => !byKey.has(key));
  if (missing.length > 0)
    throw new Error(`manifest.yml: modules name functions that are not declared: ${missing.join(', ')}`);
  return manifest;
}

export function readManifest(path: string): ForgeManifest {
  return parseManifest(readFileSync(path, 'utf8'));
}
