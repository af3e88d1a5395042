/**
 * The local platform's default world: Jira site https://sandbox.atlassian.net with project DEMO, and Bitrix24
 * portal sandbox.bitrix24.com (Europe/Berlin) with workgroup 1. Four people exist on both sides with the same
 * e-mail (Dmitri's Jira profile hides it: only the app's bulk e-mail call sees it); one person exists only in Jira and one only in Bitrix24, so user matching has a miss on each side.
 * Jira: Anna is site admin (ADMINISTER), Ben administers DEMO (both hold every DEMO permission); Chloé is a
 * developer (creates, edits, transitions, comments); Dmitri reports and comments but may not edit others' work;
 * Erin may be assigned; Greta (Jira only) may browse DEMO but not be assigned. DEMO's screens carry three of the
 * site's four custom fields (Contract, Budget, Customer tier); "Cost centre" is on no DEMO screen.
 */
import type { B24Seed, JiraSeed } from './contracts';
import { LEGACY_GROUP, LEGACY_TASKS } from './seed-b24-legacy';

export interface PlatformSeed {
  jira: JiraSeed;
  b24: B24Seed;
  /** The Jira project and Bitrix24 workgroup the default mapping pairs. */
  jiraProjectKey: string;
  b24GroupId: string;
  /** Bitrix24 events bound (as an admin's outgoing webhook would) to the app's web trigger. */
  b24Events: { webtriggerKey: string; events: string[] };
}

interface Person {
  first: string;
  last: string;
  email: string;
  /** `emailHidden`: the Jira profile hides the e-mail (user replies carry no emailAddress). */
  jira?: { accountId: string; global?: string[]; demo: string[]; emailHidden?: boolean };
  b24?: { id: string; secret: string; admin?: boolean };
}

const BROWSE = ['BROWSE_PROJECTS'];
/** Jira's default project roles, as permission sets. */
const OWN_WORK = [
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'ASSIGN_ISSUES',
  'ASSIGNABLE_USER',
  'ADD_COMMENTS',
  'EDIT_OWN_COMMENTS',
  'DELETE_OWN_COMMENTS',
  'CREATE_ATTACHMENTS',
  'DELETE_OWN_ATTACHMENTS',
];
const DEVELOPER = [...OWN_WORK, 'EDIT_ISSUES', 'TRANSITION_ISSUES', 'RESOLVE_ISSUES'];
const ADMIN = [
  ...DEVELOPER,
  'ADMINISTER_PROJECTS',
  'DELETE_ISSUES',
  'MODIFY_REPORTER',
  'EDIT_ALL_COMMENTS',
  'DELETE_ALL_COMMENTS',
  'DELETE_ALL_ATTACHMENTS',
];

const PEOPLE: Person[] = [
  {
    first: 'Anna',
    last: 'Schmidt',
    email: 'anna.schmidt@example.com',
    jira: { accountId: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e01', global: ['ADMINISTER'], demo: ADMIN },
    b24: { id: '1', secret: 'k3x9p2m7q4w8z1a5', admin: true },
  },
  {
    first: 'Ben',
    last: 'Carter',
    email: 'ben.carter@example.com',
    jira: { accountId: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e02', demo: ADMIN },
    b24: { id: '2', secret: 'b7n2v5c8x1z4l6j9' },
  },
  {
    first: 'Chloé',
    last: 'Dubois',
    email: 'chloe.dubois@example.com',
    jira: { accountId: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e03', demo: DEVELOPER },
    b24: { id: '3', secret: 'h4g8f2d6s1a9p3o7' },
  },
  {
    first: 'Dmitri',
    last: 'Ivanov',
    email: 'dmitri.ivanov@example.com',
    jira: { accountId: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e04', demo: OWN_WORK, emailHidden: true },
    b24: { id: '4', secret: 'u5y1t7r3e9w2q6i8' },
  },
  {
    first: 'Erin',
    last: 'Walsh',
    email: 'erin.walsh@example.com',
    jira: { accountId: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e05', demo: [...BROWSE, 'ASSIGNABLE_USER'] },
  },
  {
    first: 'Greta',
    last: 'Vogel',
    email: 'greta.vogel@example.com',
    jira: { accountId: '712020:6a1f0c2e-4b7d-4e39-9d51-0a1b2c3d4e06', demo: BROWSE },
  },
  {
    first: 'Farid',
    last: 'Haddad',
    email: 'farid.haddad@example.com',
    b24: { id: '5', secret: 'm2n6b9v3c7x1z5l8' },
  },
];

const DEMO_SCREEN = [
  'summary',
  'description',
  'assignee',
  'reporter',
  'priority',
  'duedate',
  'labels',
  'attachment',
  'customfield_10050',
  'customfield_10042',
  'customfield_10060',
];

const B24_EVENTS = [
  'ONTASKADD',
  'ONTASKUPDATE',
  'ONTASKDELETE',
  'ONTASKCOMMENTADD',
  'ONTASKCOMMENTUPDATE',
  'ONTASKCOMMENTDELETE',
];

/** A fresh copy each call, so a test may change its seed without touching anyone else's. */
export function defaultSeed(): PlatformSeed {
  return {
    jiraProjectKey: 'DEMO',
    b24GroupId: '1',
    b24Events: { webtriggerKey: 'b24-events', events: [...B24_EVENTS] },
    jira: {
      baseUrl: 'https://sandbox.atlassian.net',
      cloudId: '5d3c1a8e-7b2f-4c6d-9e0a-1f2b3c4d5e6f',
      appAccountId: '712020:0b24a5f0-aaaa-4bbb-8ccc-000000000a99',
      users: PEOPLE.flatMap((p) =>
        p.jira
          ? [
              {
                accountId: p.jira.accountId,
                displayName: `${p.first} ${p.last}`,
                email: p.email,
                globalPermissions: [...(p.jira.global ?? [])],
                projectPermissions: { DEMO: [...p.jira.demo] },
                ...(p.jira.emailHidden ? { emailHidden: true } : {}),
              },
            ]
          : [],
      ),
      projects: [{ id: '10000', key: 'DEMO', name: 'Demo project', screenFields: DEMO_SCREEN }],
      customFields: [
        { id: 'customfield_10050', name: 'Contract', type: 'string' },
        { id: 'customfield_10042', name: 'Budget', type: 'number' },
        { id: 'customfield_10060', name: 'Customer tier', type: 'select', options: ['Gold', 'Silver', 'Bronze'] },
        { id: 'customfield_10070', name: 'Cost centre', type: 'string' },
      ],
    },
    b24: {
      domain: 'sandbox.bitrix24.com',
      memberId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
      applicationToken: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
      timeZone: 'Europe/Berlin',
      users: PEOPLE.flatMap((p) =>
        p.b24
          ? [
              {
                id: p.b24.id,
                name: p.first,
                lastName: p.last,
                email: p.email,
                webhookSecret: p.b24.secret,
                ...(p.b24.admin ? { admin: true } : {}),
              },
            ]
          : [],
      ),
      groups: [{ id: '1', name: 'Demo workgroup' }, { ...LEGACY_GROUP }],
      tasks: LEGACY_TASKS.map((t) => ({ ...t })),
      oauthClient: { clientId: 'local.65f0a1b2c3d4e5.12345678', clientSecret: 'Zx8Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz' },
    },
  };
}
