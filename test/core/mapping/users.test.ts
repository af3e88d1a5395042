import { personOn, samePerson, UserMap } from '../../../src/core/mapping/users';

describe('UserMap', () => {
  const matched = [
    { b24UserId: '1', jiraAccountId: 'acc-1' },
    { b24UserId: '2', jiraAccountId: 'acc-2' },
  ];

  it('pairs people matched by e-mail both ways', () => {
    const map = new UserMap(matched);
    expect(map.jiraFor('1')).toBe('acc-1');
    expect(map.b24For('acc-2')).toBe('2');
    expect(map.jiraFor('3')).toBeNull();
  });

  it('lets an override replace an e-mail match on both of its ids', () => {
    const map = new UserMap(matched, [{ b24UserId: '1', jiraAccountId: 'acc-2' }]);
    expect(map.jiraFor('1')).toBe('acc-2');
    expect(map.b24For('acc-2')).toBe('1');
    expect(map.b24For('acc-1')).toBeNull();
    expect(map.jiraFor('2')).toBeNull();
  });

  it('describes a person from either side with both ids when matched', () => {
    const map = new UserMap(matched);
    expect(map.fromB24('1', 'Ada')).toEqual({ b24UserId: '1', jiraAccountId: 'acc-1', name: 'Ada' });
    expect(map.fromJira('acc-9', 'Zed')).toEqual({ b24UserId: null, jiraAccountId: 'acc-9', name: 'Zed' });
  });
});

describe('samePerson', () => {
  it('compares ids and ignores display names', () => {
    expect(
      samePerson(
        { b24UserId: '1', jiraAccountId: 'a', name: 'Ada' },
        { b24UserId: '1', jiraAccountId: 'a', name: 'Ada L.' },
      ),
    ).toBe(true);
    expect(
      samePerson(
        { b24UserId: '1', jiraAccountId: null, name: 'Ada' },
        { b24UserId: '1', jiraAccountId: 'a', name: 'Ada' },
      ),
    ).toBe(false);
    expect(samePerson(null, null)).toBe(true);
  });
});

describe('personOn, the unmatched-user fallback', () => {
  const una = { b24UserId: '99', jiraAccountId: null, name: 'Una' };

  it('gives the id when the person exists on the target side', () => {
    expect(personOn('b24', una, 'leave-unchanged')).toEqual({ id: '99' });
  });

  it('leaves the field unchanged and names the person by default', () => {
    expect(personOn('jira', una, 'leave-unchanged')).toEqual({
      skip: { kind: 'unmatched-user', side: 'b24', id: '99', name: 'Una' },
    });
  });

  it('falls back to the configured default person and still names the unmatched one', () => {
    expect(personOn('jira', una, { defaultB24UserId: '1', defaultJiraAccountId: 'acc-1' })).toEqual({
      fallback: 'acc-1',
      warning: { kind: 'unmatched-user', side: 'b24', id: '99', name: 'Una' },
    });
  });
});
