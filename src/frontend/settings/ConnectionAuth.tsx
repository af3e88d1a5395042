/**
 * Two parts of the Connection tab that prove the connection: the OAuth approval (open the portal's authorize
 * address, paste the code back) and, for events, the web trigger address with the last verified event.
 */
import { useState } from 'react';
import { Button, Inline, Label, Link, SectionMessage, Stack, Text, Textfield } from '@forge/react';
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

export function EventArrival({
  eventUrl,
  lastEvent,
  onRefresh,
}: {
  eventUrl: string;
  lastEvent?: { at: number; event: string };
  onRefresh: () => void;
}) {
  const t = useText();
  return (
    <Stack space="space.100">
      <Text>{`${t('connection.eventUrl')}: ${eventUrl}`}</Text>
      <Text>{t('connection.eventsHint')}</Text>
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
