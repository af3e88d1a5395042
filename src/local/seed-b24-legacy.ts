/**
 * Bitrix24 tasks from before the portal switched descriptions to BBCode (DESCRIPTION_IN_BBCODE N: the description
 * is HTML). They live in their own workgroup so the default pairing (workgroup 1) and its tests start empty; a
 * test or a sandbox user pairs that workgroup to see them synced.
 */
import type { B24SeedTask } from './contracts';

export const LEGACY_GROUP = { id: '2', name: 'Legacy workgroup (HTML descriptions)' };

export const LEGACY_TASKS: B24SeedTask[] = [
  {
    title: 'Migrate the 2019 price list',
    description: '<p>Copy the <b>2019</b> prices into the new sheet.</p><ul><li>EUR</li><li>USD</li></ul>',
    descriptionInBbcode: 'N',
    groupId: LEGACY_GROUP.id,
    createdBy: '1',
    responsibleId: '2',
    createdAt: '2019-03-04T09:30:00Z',
  },
  {
    title: 'Old intranet link check',
    description: 'See <a href="https://intranet.example.com/old">the old intranet</a> and <i>report</i> dead links.',
    descriptionInBbcode: 'N',
    groupId: LEGACY_GROUP.id,
    createdBy: '2',
    responsibleId: '3',
    createdAt: '2019-05-20T14:00:00Z',
  },
];
