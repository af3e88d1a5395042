/**
 * The issue panel: the linked Bitrix24 task, when it last synced and how, the issue's recent journal entries, and
 * the actions (Sync now, Link, Unlink, Create in Bitrix24) for people who may edit the issue.
 */
import { useState } from 'react';
import { Button, Heading, Inline, Label, Link, Lozenge, SectionMessage, Stack, Text, Textfield } from '@forge/react';
import type { LinkedTaskView } from '../../app/admin/issue-panel';
import type { HealthNotice } from '../../app/health/health-notices';
import { HealthNotices } from '../shared/Health';
import { Loaded, Problem, refusalProps } from '../shared/Problem';
import { outcomeAppearance } from '../shared/outcome';
import { useText } from '../shared/text';
import { journalText, wordOr } from '../shared/words';
import { call, inputValue, useCall, type Refusal } from '../shared/use-call';

/** The resolver adds the caller's edit right and the connection's health to the task view. */
type PanelView = LinkedTaskView & { health?: HealthNotice[] };
type Message = { ok: true } | { ok: false; refusal: Refusal } | null;

export function IssuePanel() {
  const [state, reload] = useCall<PanelView>('getLinkedTask');
  // Kept above the reload: an action's sentence must outlive the spinner its own reload shows.
  const [message, setMessage] = useState<Message>(null);
  return (
    <Loaded state={state} reload={reload}>
      {(view) => <PanelBody view={view} reload={reload} message={message} setMessage={setMessage} />}
    </Loaded>
  );
}

function PanelBody({
  view,
  reload,
  message,
  setMessage,
}: {
  view: PanelView;
  reload: () => void;
  message: Message;
  setMessage: (m: Message) => void;
}) {
  const t = useText();
  const act =
    (name: string, payload: Record<string, unknown> = {}) =>
    async () => {
      const result = await call<unknown>(name, payload);
      setMessage(result.ok ? { ok: true } : { ok: false, refusal: result });
      if (result.ok) reload();
    };
  return (
    <Stack space="space.150">
      {view.task ? <TaskSummary task={view.task} /> : null}
      {view.taskProblem ? <Problem message={view.taskProblem} {...view.taskProblemCode} /> : null}
      {!view.linked ? <Text>{t('panel.notLinked')}</Text> : null}
      <LastSync view={view} />
      {message ? (
        message.ok ? (
          <SectionMessage appearance="success">
            <Text>{t('panel.queued')}</Text>
          </SectionMessage>
        ) : (
          <Problem {...refusalProps(message.refusal)} />
        )
      ) : null}
      {!view.canEdit ? (
        <Text>{t('panel.readOnly')}</Text>
      ) : view.linked ? (
        <Inline space="space.100">
          <Button onClick={() => void act('syncNow')()}>{t('panel.syncNow')}</Button>
          <Button appearance="subtle" onClick={() => void act('unlink')()}>
            {t('panel.unlink')}
          </Button>
        </Inline>
      ) : (
        <LinkForm
          onLink={(task) => act('linkTask', { task })()}
          onCreate={view.projectPaired ? act('createInB24') : undefined}
        />
      )}
      <Recent view={view} />
      <HealthNotices notices={view.health ?? []} />
    </Stack>
  );
}

function TaskSummary({ task }: { task: NonNullable<LinkedTaskView['task']> }) {
  const t = useText();
  return (
    <Stack space="space.050">
      <Heading size="small">{task.title}</Heading>
      <Text>{`${t('panel.status')}: ${t(`b24status.${task.status}`)}`}</Text>
      {task.responsible ? <Text>{`${t('panel.responsible')}: ${task.responsible}`}</Text> : null}
      {task.deadline ? <Text>{`${t('panel.deadline')}: ${task.deadline.slice(0, 10)}`}</Text> : null}
      {task.url ? (
        <Link href={task.url} openNewTab>
          {t('panel.open')}
        </Link>
      ) : null}
    </Stack>
  );
}

function LastSync({ view }: { view: LinkedTaskView }) {
  const t = useText();
  if (!view.lastSync) return <Text>{`${t('panel.lastSync')}: ${t('panel.never')}`}</Text>;
  return (
    <Inline space="space.100" alignBlock="center">
      <Text>{`${t('panel.lastSync')}: ${new Date(view.lastSync.at).toISOString().replace('T', ' ').slice(0, 16)}`}</Text>
      <Lozenge appearance={outcomeAppearance(view.lastSync.outcome)}>{t(`outcome.${view.lastSync.outcome}`)}</Lozenge>
    </Inline>
  );
}

function LinkForm({ onLink, onCreate }: { onLink: (task: string) => Promise<void>; onCreate?: () => Promise<void> }) {
  const t = useText();
  const [task, setTask] = useState('');
  return (
    <Stack space="space.100">
      <Label labelFor="task-ref">{t('panel.taskRef')}</Label>
      <Textfield id="task-ref" name="task" value={task} onChange={(e) => setTask(inputValue(e))} />
      <Inline space="space.100">
        <Button onClick={() => void onLink(task)}>{t('panel.link')}</Button>
        {onCreate ? (
          <Button appearance="primary" onClick={() => void onCreate()}>
            {t('panel.create')}
          </Button>
        ) : null}
      </Inline>
    </Stack>
  );
}

function Recent({ view }: { view: LinkedTaskView }) {
  const t = useText();
  if (view.recent.length === 0) return null;
  return (
    <Stack space="space.050">
      <Heading size="xsmall">{t('panel.recent')}</Heading>
      {view.recent.map((e) => (
        <Inline key={e.id} space="space.100">
          <Lozenge appearance={outcomeAppearance(e.outcome)}>{t(`outcome.${e.outcome}`)}</Lozenge>
          <Text>{`${new Date(e.at).toISOString().slice(0, 16).replace('T', ' ')} ${wordOr(t, `operation.${e.operation}`, e.operation)}${e.message || e.notes?.length ? `: ${journalText(t, e)}` : ''}`}</Text>
        </Inline>
      ))}
    </Stack>
  );
}
