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

  async remove(link: Pick<PairLink, 'taskId' | 'issueId'>): Promise<void> {
    await this.kv.delete(keys.taskLink(link.taskId));
    await this.kv.delete(keys.issueLink(link.issueId));
    await this.kv.delete(keys.pairState(link.taskId, link.issueId));
  }
}
