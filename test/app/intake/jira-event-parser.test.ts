import { parseJiraTriggerEvent } from '../../../src/app/intake/jira-event-parser';
import { fixtureJson } from '../../adapters/support';

describe('Jira trigger event parser', () => {
  it('parses the recorded created-issue delivery (no atlassianId) into ids and the project', () => {
    expect(parseJiraTriggerEvent(fixtureJson('jira/forge-events/avi-jira-created-issue.recorded.json'))).toEqual({
      kind: 'issue-created',
      issueId: '10010',
      issueKey: 'CS-6',
      projectId: '10000',
      projectKey: 'CS',
      selfGenerated: false,
    });
  });

  it('keeps the changelog items of an update', () => {
    const event = parseJiraTriggerEvent(fixtureJson('jira/forge-events/avi-jira-updated-issue.constructed.json'));
    expect(event).toMatchObject({
      kind: 'issue-updated',
      issueKey: 'CS-6',
      atlassianId: expect.any(String) as unknown,
    });
    expect(event.kind === 'issue-updated' && event.changelog).toEqual([
      { field: 'fields', fieldId: 'fieldId', from: null, fromString: '', to: null, toString: 'label-1' },
    ]);
  });

  it('parses comment added and comment deleted with the comment id', () => {
    expect(
      parseJiraTriggerEvent(fixtureJson('jira/forge-events/avi-jira-commented-issue.constructed.json')),
    ).toMatchObject({
      kind: 'comment-upserted',
      commentId: '10000',
      issueId: '10010',
    });
    expect(
      parseJiraTriggerEvent(fixtureJson('jira/forge-events/avi-jira-deleted-comment.constructed.json')),
    ).toMatchObject({
      kind: 'comment-deleted',
      commentId: '10000',
    });
  });

  it('parses a deleted issue and attachment events', () => {
    const created = fixtureJson('jira/forge-events/avi-jira-created-issue.recorded.json') as Record<string, unknown>;
    expect(parseJiraTriggerEvent({ ...created, eventType: 'avi:jira:deleted:issue' })).toMatchObject({
      kind: 'issue-deleted',
      issueId: '10010',
    });
    expect(
      parseJiraTriggerEvent({
        eventType: 'avi:jira:created:attachment',
        selfGenerated: true,
        attachment: { id: 10001, issueId: '10041' },
      }),
    ).toEqual({ kind: 'attachment-created', attachmentId: '10001', issueId: '10041', selfGenerated: true });
  });

  it('reports events it does not handle as unknown', () => {
    expect(parseJiraTriggerEvent({ eventType: 'avi:jira:created:worklog' })).toEqual({
      kind: 'unknown',
      eventType: 'avi:jira:created:worklog',
    });
  });

  it('refuses a handled event without its issue, naming the problem', () => {
    expect(() => parseJiraTriggerEvent({ eventType: 'avi:jira:updated:issue' })).toThrow(
      /Malformed Jira event avi:jira:updated:issue.*issue/s,
    );
    expect(() => parseJiraTriggerEvent('nonsense')).toThrow(/Malformed Jira event/);
  });
});
