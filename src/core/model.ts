/**
 * The canonical task: what both systems mean, independent of how either encodes it. Mapping turns each side's
 * entity into this shape; the sync compares these shapes three ways and never looks at raw REST values.
 */
import type { AdfDoc } from './adf';

export type Side = 'b24' | 'jira';

/**
 * A person as both sides know them. Matched people carry both ids; an unmatched one carries only the id of the
 * side it came from, which is how the sync knows it must not write them to the other side.
 */
export interface Person {
  b24UserId: string | null;
  jiraAccountId: string | null;
  name: string;
}

/**
 * A canonical status is the Jira status name of the status-table row the side's value maps to (matched rows
 * agree across sides), or `b24:<code>` / `jira:<name>` when no row maps it: such a value never flows.
 */
export type CanonicalStatus = string;

/** 0 low, 1 medium, 2 high (B24's own scale: the coarser one), or `jira:<name>` when no row maps it. */
export type CanonicalPriority = string;

export type CustomValue = string | number | null;

export interface CanonicalTask {
  title: string;
  description: AdfDoc;
  status: CanonicalStatus;
  priority: CanonicalPriority;
  assignee: Person | null;
  reporter: Person | null;
  /** YYYY-MM-DD in the portal's time zone. */
  dueDate: string | null;
  /** Keyed by the B24 user field name of the custom mapping (UF_AUTO_123). */
  custom: Record<string, CustomValue>;
}

/** The fields the sync compares, in a fixed order so plans and journals read the same every time. */
export type CanonicalField = Exclude<keyof CanonicalTask, 'custom'>;
export const CANONICAL_FIELDS: readonly CanonicalField[] = [
  'title',
  'description',
  'status',
  'priority',
  'assignee',
  'reporter',
  'dueDate',
];

/** A field as the sync addresses it: a standard one, or a custom mapping by its B24 field name. */
export type FieldKey = CanonicalField | `UF_${string}`;
