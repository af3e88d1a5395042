import { planCreation, planDeletion } from '../../../src/core/sync/lifecycle';
import { aConfig } from '../builders';

describe('planCreation (idempotent creation)', () => {
  const config = aConfig();

  it('creates the issue for a new task in the paired workgroup', () => {
    expect(planCreation({ source: 'b24', linkedId: null, markedId: null, container: '1', config })).toEqual({
      action: 'create',
      on: 'jira',
    });
  });

  it('creates the task for a new issue in the paired project', () => {
    expect(planCreation({ source: 'jira', linkedId: null, markedId: null, container: 'DEMO', config })).toEqual({
      action: 'create',
      on: 'b24',
    });
  });

  it('does not create again when a link exists (a duplicated or retried event)', () => {
    expect(planCreation({ source: 'b24', linkedId: '10001', markedId: null, container: '1', config })).toEqual({
      action: 'already-linked',
      id: '10001',
    });
  });

  it('links the entity a lost run already created, found by its marker', () => {
    expect(planCreation({ source: 'jira', linkedId: null, markedId: '55', container: 'DEMO', config })).toEqual({
      action: 'link-existing',
      on: 'b24',
      id: '55',
    });
  });

  it('skips entities outside the pairing', () => {
    expect(planCreation({ source: 'b24', linkedId: null, markedId: null, container: '7', config })).toEqual({
      action: 'skip',
      reason: 'workgroup 7 is not paired',
    });
    expect(planCreation({ source: 'jira', linkedId: null, markedId: null, container: 'OPS', config })).toEqual({
      action: 'skip',
      reason: 'project OPS is not paired',
    });
  });
});

describe('planDeletion', () => {
  it('closes the other side by default: Done in Jira, completed in Bitrix24', () => {
    expect(planDeletion('b24', aConfig())).toEqual({ action: 'close', on: 'jira', status: 'Done' });
    expect(planDeletion('jira', aConfig())).toEqual({ action: 'close', on: 'b24', status: '5' });
  });

  it('deletes or unlinks when configured', () => {
    expect(planDeletion('b24', aConfig({ deletes: { task: 'delete', comment: 'delete' } }))).toEqual({
      action: 'delete',
      on: 'jira',
    });
    expect(planDeletion('jira', aConfig({ deletes: { task: 'unlink', comment: 'keep' } }))).toEqual({
      action: 'unlink',
    });
  });
});
