/**
 * The task ⇄ issue pairing. Both directions are stored so either side's event finds its pair with one `get`.
 */
import { z } from 'zod';
import type { KeyValueStore } from '../../ports/store';
import { keys } from './keys';

export interface PairLink {
  taskId: string;
  issueId: string;
  issueKey: string;
  projectKey: string;
  linkedAt: number;
}

const linkSchema = z.object({
  taskId: z.string(),
  issueId: z.string(),
  issueKey: z.string(),
  projectKey: z.string(),
  linkedAt: z.number(),
});

const parse = (value: unknown): PairLink | null => {
  const parsed = linkSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

export class LinkStore {
  constructor(private readonly kv: KeyValueStore) {}

  async byTask(taskId: string): Promise<PairLink | null> {
    return parse(await this.kv.get(keys.taskLink(taskId)));
  }

  async byIssue(issueId: string): Promise<PairLink | null> {
    return parse(await this.kv.get(keys.issueLink(issueId)));
  }

  async save(link: PairLink): Promise<void> {
    const value = { ...link };
    await this.kv.set(keys.taskLink(link.taskId), value);
    await this.kv.set(keys.issueLink(link.issueId), value);
  }

  /**
   * A pair being dissolved because one side was deleted, marked before the other side is closed or deleted: the
   * survivor keeps its marker (the issue property, XML_ID) and its events keep coming (our own close among them),
   * so it is remembered and never paired again by itself; and the delete's retry knows which side went first.
   */
  async markDissolved(link: Pick<PairLink, 'taskId' | 'issueId'>, deletedOn: 'b24' | 'jira'): Promise<void> {
    await this.kv.set(keys.dissolved('b24', link.taskId), deletedOn);
    await this.kv.set(keys.dissolved('jira', link.issueId), deletedOn);
  }

  /** The side whose delete dissolved the entity's pair, or null when it never was. */
  async dissolvedBy(side: 'b24' | 'jira', id: string): Promise<'b24' | 'jira' | null> {
    const value = await this.kv.get(keys.dissolved(side, id));
    return value === 'b24' || value === 'jira' ? value : null;
  }

  async wasDissolved(side: 'b24' | 'jira', id: string): Promise<boolean> {
    return (await this.dissolvedBy(side, id)) !== null;
  }

  /**
   * A person unlinked the pair. Remembered on both sides so that nothing but a person pairs either entity again:
   * not a marker left behind (its removal may fail), not a later edit's event, not reconciliation or a migration.
   */
  async markUnlinked(link: Pick<PairLink, 'taskId' | 'issueId'>): Promise<void> {
    await this.kv.set(keys.unlinked('b24', link.taskId), link.issueId);
    await this.kv.set(keys.unlinked('jira', link.issueId), link.taskId);
  }

  /** A person pairs the entity again (a link, "Create task"): their choice replaces the earlier unlink. */
  async forgetUnlinked(side: 'b24' | 'jira', id: string): Promise<void> {
    await this.kv.delete(keys.unlinked(side, id));
  }

  async wasUnlinked(side: 'b24' | 'jira', id: string): Promise<boolean> {
    return (await this.kv.get(keys.unlinked(side, id))) !== undefined;
  }

  /** Whether the entity must not be paired by itself: its pair was dissolved by a delete, or a person unlinked it. */
  async heldApart(side: 'b24' | 'jira', id: string): Promise<boolean> {
    return (await this.wasDissolved(side, id)) || this.wasUnlinked(side, id);
  }

  async remove(link: Pick<PairLink, 'taskId' | 'issueId'>): Promise<void> {
    await this.kv.delete(keys.taskLink(link.taskId));
    await this.kv.delete(keys.issueLink(link.issueId));
    await this.kv.delete(keys.pairState(link.taskId, link.issueId));
  }
}
