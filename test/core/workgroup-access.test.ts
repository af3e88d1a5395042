/**
 * The site admin's list of workgroups and the projects each may pair with, as pure rules.
 */
import {
  accessFromPairings,
  listedGroupsFor,
  pairingListed,
  repeatedGroup,
  workgroupAccessSchema,
} from '../../src/core/workgroup-access';

const access = {
  entries: [
    { groupId: '1', projects: ['DEMO'] },
    { groupId: '2', projects: ['*'] },
    { groupId: '3', projects: ['OPS', 'DEMO'] },
  ],
};

describe('the list of workgroups that may be paired', () => {
  it('lets a project pair with a workgroup listed for it, or for any project, and with no other', () => {
    expect(pairingListed(access, '1', 'DEMO')).toBe(true);
    expect(pairingListed(access, '1', 'OPS')).toBe(false);
    expect(pairingListed(access, '2', 'ANY')).toBe(true);
    expect(pairingListed(access, '3', 'OPS')).toBe(true);
    expect(pairingListed(access, '4', 'DEMO')).toBe(false);
    expect(pairingListed({ entries: [] }, '1', 'DEMO')).toBe(false);
  });

  it("offers a project the workgroups listed for it, in the list's order", () => {
    expect(listedGroupsFor(access, 'DEMO')).toEqual(['1', '2', '3']);
    expect(listedGroupsFor(access, 'OPS')).toEqual(['2', '3']);
    expect(listedGroupsFor(access, 'HR')).toEqual(['2']);
  });

  it('is seeded with exactly the pairings that exist', () => {
    expect(
      accessFromPairings([
        { projectKey: 'DEMO', groupId: '1' },
        { projectKey: 'OPS', groupId: '5' },
      ]),
    ).toEqual({
      entries: [
        { groupId: '1', projects: ['DEMO'] },
        { groupId: '5', projects: ['OPS'] },
      ],
    });
    expect(accessFromPairings([])).toEqual({ entries: [] });
  });

  it('names a workgroup listed twice', () => {
    expect(repeatedGroup(access)).toBeNull();
    expect(repeatedGroup({ entries: [...access.entries, { groupId: '2', projects: ['DEMO'] }] })).toBe('2');
  });

  it('refuses a malformed id, key or empty project list', () => {
    for (const entry of [
      { groupId: '0', projects: ['DEMO'] },
      { groupId: '1', projects: ['demo'] },
      { groupId: '1', projects: [] },
      { groupId: '1 OR 1', projects: ['*'] },
    ]) {
      expect(workgroupAccessSchema.safeParse({ entries: [entry] }).success).toBe(false);
    }
    expect(workgroupAccessSchema.safeParse(access).success).toBe(true);
  });
});
