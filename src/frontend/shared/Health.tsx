/**
 * Health notices as the resolvers return them (a code with parameters, src/app/health/health-notices.ts), worded in the
 * user's language with what to do: `health.<code>` is the sentence, `healthFix.<code>` the fix.
 */
import { SectionMessage, Stack, Text } from '@forge/react';
import type { HealthNotice } from '../../app/health/health-notices';
import { useText } from './text';
import { fillPlurals } from './words';

const APPEARANCE = { ok: 'success', warning: 'warning', error: 'error' } as const;
/** Parameters that are instants (epoch ms), shown as UTC minutes like the rest of the page. */
const INSTANTS = new Set(['at', 'since', 'lastAt', 'checkedAt', 'foundAt']);

const minute = (at: number): string => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Fills `{name}` placeholders; a placeholder without a value (an optional one) is dropped with its bracket. */
export function fillHealthText(template: string, params: HealthNotice['params'], locale = 'en-US'): string {
  const withOptional = fillPlurals(template, params, locale).replace(/\[([^\]]*)\]/g, (_, part: string) =>
    (/\{(\w+)\}/.exec(part)?.[1] ?? '') in params ? part : '',
  );
  return withOptional.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' && INSTANTS.has(name) ? minute(value) : String(value);
  });
}

export function HealthNotices({ notices }: { notices: HealthNotice[] }) {
  const t = useText();
  if (notices.length === 0) return null;
  return (
    <Stack space="space.100">
      {notices.map((notice) => {
        const name = notice.code.replace(/^health\./, '');
        const fix = notice.level === 'ok' ? '' : fillHealthText(t(`healthFix.${name}`), notice.params, t.locale);
        return (
          <SectionMessage key={notice.code} appearance={APPEARANCE[notice.level]}>
            <Text>{fillHealthText(t(notice.code), notice.params, t.locale)}</Text>
            {fix ? <Text>{fix}</Text> : null}
          </SectionMessage>
        );
      })}
    </Stack>
  );
}
