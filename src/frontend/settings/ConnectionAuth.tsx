/**
 * Parts of the Connection tab that prove the connection: the OAuth approval (open the portal's authorize address,
 * paste the code back), how changes arrive (online or, where the runtime can read it, the portal's offline queue)
 * and, for events, the web trigger address with the last verified event.
 */
import { useState } from 'react';
import { Button, Inline, Label, Link, SectionMessage, Select, Stack, Text, Textfield } from '@forge/react';
import type { EventMode } from '../../app/store/connection';
import { Problem, refusalProps } from '../shared/Problem';
import { useText } from '../shared/text';
import { call, inputValue, type Refusal } from '../shared/use-call';

const minute = (at: number) => new Date(at).toISOString().slice(0, 16).replace('T', ' ');

export function OAuthApproval({ onConnected }: { onConnected: () => void }) {
  const t = useText();
  const [url, setUrl] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<Refusal | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const open = async () => {
    const reply = await call<{ url: string }>('getAuthorizeUrl');
    setProblem(reply.ok ? null : reply);
    if (reply.ok) setUrl(reply.data.url);
  };
  const complete = async () => {
    const reply = await call<{ domain: string }>('completeOAuth', { code });
    setProblem(reply.ok ? null : reply);
    if (!reply.ok) return;
    setDone(reply.data.domain);
    onConnected();
  };
  return (
    <Stack space="space.100">
      <Inline space="space.100" alignBlock="center">
        <Button onClick={() => void open()}>{t('connection.authorizeLink')}</Button>
        {url ? (
          <Link href={url} openNewTab>
            {url}
          </Link>
        ) : null}
      </Inline>
      <Text>{t('connection.authorizeHint')}</Text>
      <Label labelFor="code">{t('connection.code')}</Label>
      <Textfield id="code" name="code" value={code} onChange={(e) => setCode(inputValue(e))} />
      <Button onClick={() => void complete()}>{t('connection.authorise')}</Button>
      {problem ? <Problem {...refusalProps(problem)} /> : null}
      {done ? (
        <SectionMessage appearance="success">
          <Text>{`${t('connection.authorised')} ${done}`}</Text>
        </SectionMessage>
      ) : null}
    </Stack>
  );
}

export function EventModeChoice({ value, onChange }: { value: EventMode; onChange: (mode: EventMode) => void }) {
  const t = useText();
  const label = (mode: EventMode) => t(mode === 'online' ? 'connection.eventsOnline' : 'connection.eventsOffline');
  return (
    <Stack space="space.050">
      <Label labelFor="events">{t('connection.events')}</Label>
      <Select
        inputId="events"
        options={(['online', 'offline'] as const).map((mode) => ({ label: label(mode), value: mode }))}
        value={{ label: label(value), value }}
        onChange={(o: { value: EventMode }) => onChange(o.value)}
      />
    </Stack>
  );
}

export function EventArrival({
  eventUrl,
  offline,
  lastEvent,
  onRefresh,
}: {
  eventUrl: string;
  /** The portal's changes are read from its offline queue: there is no address to paste anywhere. */
  offline: boolean;
  lastEvent?: { at: number; event: string };
  onRefresh: () => void;
}) {
  const t = useText();
  return (
    <Stack space="space.100">
      {offline ? <Text>{t('connection.offlineHint')}</Text> : <Text>{`${t('connection.eventUrl')}: ${eventUrl}`}</Text>}
      {offline ? null : <Text>{t('connection.eventsHint')}</Text>}
      <Inline space="space.100" alignBlock="center">
        <Text>
          {lastEvent
            ? `${t('connection.lastEvent')}: ${lastEvent.event}, ${minute(lastEvent.at)} UTC`
            : t('connection.noEvents')}
        </Text>
        <Button appearance="subtle" onClick={onRefresh}>
          {t('connection.refresh')}
        </Button>
      </Inline>
    </Stack>
  );
}
