/**
 * The Connection tab (Jira administrators): portal, webhook or OAuth, application token, Test connection and,
 * for OAuth, approval and event registration; the event address with the last verified event; the workgroups that
 * may be paired. Stored secrets are shown masked; typing a new value replaces them.
 */
import { useState } from 'react';
import { Button, Heading, Inline, Label, Lozenge, SectionMessage, Select, Stack, Text, Textfield } from '@forge/react';
import type { ConnectionView } from '../../app/admin/connection';
import type { ConnectionTestResult } from '../../app/admin/connection-test';
import { HealthNotices } from '../shared/Health';
import { Loaded, Problem, refusalProps } from '../shared/Problem';
import { EventArrival, EventModeChoice, OAuthApproval } from './ConnectionAuth';
import { WorkgroupAccessList } from './WorkgroupAccessList';
import { useText } from '../shared/text';
import { call, inputValue, useCall, type Refusal } from '../shared/use-call';
import { message, type Translate } from '../shared/words';

type View = ConnectionView & { events?: { event: string; bound: boolean; problem?: string }[] };

export function ConnectionTab() {
  const [state, reload] = useCall<View>('getConnection');
  return (
    <Loaded state={state} reload={reload}>
      {(view) => (
        <>
          <ConnectionForm view={view} reload={reload} />
          <WorkgroupAccessList />
        </>
      )}
    </Loaded>
  );
}

function ConnectionForm({ view, reload }: { view: View; reload: () => void }) {
  const t = useText();
  const [mode, setMode] = useState<'webhook' | 'oauth'>(view.authMode ?? 'webhook');
  const [events, setEvents] = useState(view.eventMode ?? 'online');
  // Offline events exist only for the OAuth application, and only where the runtime drains the queue.
  const canChooseEvents = mode === 'oauth' && view.offlineEventsAvailable;
  const [fields, setFields] = useState<Record<string, string>>({ portal: view.domain ?? '' });
  const [problem, setProblem] = useState<Refusal | null>(null);
  const [test, setTest] = useState<ConnectionTestResult | null>(null);
  const field = (name: string, label: string, masked?: string) => (
    <Stack space="space.050">
      <Label labelFor={name}>{label}</Label>
      <Textfield
        id={name}
        name={name}
        value={fields[name] ?? ''}
        placeholder={masked ? `${masked} — ${t('connection.keep')}` : ''}
        onChange={(e) => setFields({ ...fields, [name]: inputValue(e) })}
      />
    </Stack>
  );
  const run = async (name: string, payload: Record<string, unknown> = {}) => {
    const reply = await call<unknown>(name, payload);
    setProblem(reply.ok ? null : reply);
    return reply;
  };
  const save = async () => {
    const filled = Object.fromEntries(Object.entries(fields).filter(([, v]) => v.trim() !== ''));
    const choice = canChooseEvents ? { events } : {};
    if ((await run('saveConnection', { mode, portal: fields.portal ?? '', ...filled, ...choice })).ok) reload();
  };
  const runTest = async () => {
    const reply = await run('testConnection');
    if (reply.ok) setTest(reply.data as ConnectionTestResult);
  };
  return (
    <Stack space="space.200">
      <Heading size="medium">{t('connection.heading')}</Heading>
      <HealthNotices notices={view.health ?? []} />
      {field('portal', t('connection.portal'))}
      <Label labelFor="mode">{t('connection.mode')}</Label>
      <Select
        inputId="mode"
        options={[
          { label: t('connection.webhook'), value: 'webhook' },
          { label: t('connection.oauth'), value: 'oauth' },
        ]}
        value={{ label: t(`connection.${mode}`), value: mode }}
        onChange={(o: { value: 'webhook' | 'oauth' }) => setMode(o.value)}
      />
      {mode === 'webhook' ? field('webhookUrl', t('connection.webhookUrl'), view.webhookUrl) : null}
      {mode === 'webhook' ? field('memberId', t('lifecycle.memberId'), view.memberId) : null}
      {mode === 'oauth' ? field('clientId', t('connection.clientId'), view.clientId) : null}
      {mode === 'oauth' ? field('clientSecret', t('connection.clientSecret'), view.clientSecret) : null}
      {field('applicationToken', t('connection.applicationToken'), view.applicationToken)}
      {mode === 'oauth' && view.authMode === 'oauth' ? <OAuthApproval onConnected={reload} /> : null}
      {canChooseEvents ? <EventModeChoice value={events} onChange={setEvents} /> : null}
      <EventArrival
        eventUrl={view.eventUrl}
        offline={canChooseEvents && events === 'offline'}
        {...(view.lastEvent ? { lastEvent: view.lastEvent } : {})}
        onRefresh={reload}
      />
      {problem ? <Problem {...refusalProps(problem)} /> : null}
      <Inline space="space.100">
        <Button appearance="primary" onClick={() => void save()}>
          {t('common.save')}
        </Button>
        <Button onClick={() => void runTest()}>{t('connection.test')}</Button>
        {mode === 'oauth' ? (
          <Button onClick={() => void run('bindEvents').then(reload)}>{t('connection.bind')}</Button>
        ) : null}
      </Inline>
      {test ? <TestResult result={test} /> : null}
      {view.events
        ? view.events.map((e) => (
            <Inline key={e.event} space="space.100">
              <Text>{e.event}</Text>
              <Lozenge appearance={e.bound ? 'success' : 'removed'}>
                {e.bound ? t('connection.bound') : t('connection.notBound')}
              </Lozenge>
            </Inline>
          ))
        : null}
    </Stack>
  );
}

/** "task, user_basic or user": each missing scope with its alternatives, joined by the reader's "or". */
function missingScopes(t: Translate, scopes: ConnectionTestResult['scopes']): string {
  return scopes.missingSets
    ? scopes.missingSets.map((alternatives) => alternatives.join(` ${t('connection.or')} `)).join(', ')
    : scopes.missing.join(', ');
}

function TestResult({ result }: { result: ConnectionTestResult }) {
  const t = useText();
  const missing = missingScopes(t, result.scopes);
  return (
    <SectionMessage
      appearance={result.ok ? 'success' : 'warning'}
      title={result.ok ? t('connection.ok') : t('common.error')}
    >
      {result.portal ? <Text>{result.portal}</Text> : null}
      {result.user ? <Text>{`${t('connection.actingUser')}: ${result.user.name} (#${result.user.id})`}</Text> : null}
      <Text>{`${t('connection.scopesPresent')}: ${result.scopes.present.join(', ') || '—'}`}</Text>
      <Text>{`${t('connection.scopesMissing')}: ${missing || '—'}`}</Text>
      {(result.coded ?? result.problems.map((p) => ({ message: p, code: undefined, params: {} }))).map((p) => (
        <Text key={p.message}>
          {message(
            t,
            p.message,
            p.code,
            p.code?.startsWith('b24.missingScope') && missing ? { ...p.params, scopes: missing } : p.params,
          )}
        </Text>
      ))}
    </SectionMessage>
  );
}
