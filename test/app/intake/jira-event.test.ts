/**
 * The Jira intake against in-memory ports: an event becomes one queued job, or is dropped without a write when it
 * is the app's own (the platform's flag, or the service account named by the runtime) or names no linked issue.
 */
import { receiveJiraEvent } from '../../../src/app/intake/jira-event';
import { LinkStore } from '../../../src/app/store/links';
import { memoryDeps, type MemoryDeps } from '../memory-ports';

const PERSON = '557058:dmitri';
const SERVICE = '557058:sync-service';

const attachmentEvent = (attachment: Record<string, unknown>, over: Record<string, unknown> = {}): unknown => ({
  eventType: 'avi:jira:created:attachment',
  atlassianId: PERSON,
  selfGenerated: false,
  attachment: { id: '10100', issueId: '10001', ...attachment },
  ...over,
});

async function linked(deps: MemoryDeps): Promise<MemoryDeps> {
  await new LinkStore(deps.kv).save({
    taskId: '41',
    issueId: '10001',
    issueKey: 'DEMO-1',
    projectKey: 'DEMO',
    linkedAt: 0,
  });
  return deps;
}

describe('a Jira attachment event at intake', () => {
  it('queues a job carrying the name and size it announces', async () => {
    const deps = await linked(memoryDeps());
    expect(
      await receiveJiraEvent(attachmentEvent({ fileName: 'a.pdf', size: 12, mimeType: 'application/pdf' }), deps),
    ).toBe('queued');
    expect(deps.syncQueue.jobs()).toEqual([
      {
        kind: 'jira-attachment',
        issueId: '10001',
        attachmentId: '10100',
        action: 'created',
        filename: 'a.pdf',
        size: 12,
        mimeType: 'application/pdf',
      },
    ]);
  });

  it('queues the bare ids when the payload says nothing usable about the file', async () => {
    const deps = await linked(memoryDeps());
    expect(await receiveJiraEvent(attachmentEvent({ size: 'big' }), deps)).toBe('queued');
    expect(deps.syncQueue.jobs()).toEqual([
      { kind: 'jira-attachment', issueId: '10001', attachmentId: '10100', action: 'created' },
    ]);
  });

  it('drops the event of an issue without a link', async () => {
    const deps = memoryDeps();
    expect(await receiveJiraEvent(attachmentEvent({ fileName: 'a.pdf' }), deps)).toBe('ignored-unpaired');
    expect(deps.syncQueue.jobs()).toEqual([]);
  });

  it('answers a second copy while the first job waits without a second push', async () => {
    const deps = await linked(memoryDeps());
    expect(await receiveJiraEvent(attachmentEvent({ fileName: 'a.pdf' }), deps)).toBe('queued');
    expect(await receiveJiraEvent(attachmentEvent({ fileName: 'a.pdf' }), deps)).toBe('already-queued');
    expect(deps.syncQueue.jobs()).toHaveLength(1);
  });
});

describe("the app's own Jira events at intake", () => {
  it('drops an event the platform marks as the app’s own', async () => {
    const deps = await linked(memoryDeps());
    expect(await receiveJiraEvent(attachmentEvent({}, { selfGenerated: true }), deps)).toBe('ignored-self');
    expect(deps.syncQueue.jobs()).toEqual([]);
  });

  it('drops an event caused by the service account the runtime names, where no platform flag exists', async () => {
    const deps = await linked(memoryDeps({ ownAccounts: { jiraAccountId: SERVICE } }));
    expect(await receiveJiraEvent(attachmentEvent({}, { atlassianId: SERVICE }), deps)).toBe('ignored-self');
    expect(deps.syncQueue.jobs()).toEqual([]);
  });

  it('queues a person’s event when a service account is named', async () => {
    const deps = await linked(memoryDeps({ ownAccounts: { jiraAccountId: SERVICE } }));
    expect(await receiveJiraEvent(attachmentEvent({}), deps)).toBe('queued');
  });
});
