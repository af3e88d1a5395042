/**
 * Jira's search index, which trails the database: Atlassian documents that `/search/jql` "may return stale data"
 * for seconds to minutes, except for the issues named in `reconcileIssues`. Each write records a snapshot of the
 * issue that becomes visible to search `searchLagMs` later; until then search sees the previous snapshot (or,
 * for a new issue, nothing).
 */
import type { StoredIssue } from './records';

/** The live issues, as the site's state holds them. */
type LiveIssues = ReadonlyMap<string, StoredIssue>;

const MAX_VERSIONS = 20;

interface Version {
  visibleAt: number;
  issue: StoredIssue | null;
}

export class SearchIndex {
  private readonly versions = new Map<string, Version[]>();

  /** After any write: the touched issue (changed or deleted) and every issue the index has never seen. */
  afterWrite(issues: LiveIssues, touchedId: string | undefined, visibleAt: number): void {
    if (touchedId !== undefined) this.record(touchedId, issues.get(touchedId) ?? null, visibleAt);
    for (const [id, issue] of issues) if (!this.versions.has(id)) this.record(id, issue, visibleAt);
  }

  private record(id: string, issue: StoredIssue | null, visibleAt: number): void {
    const list = this.versions.get(id) ?? [];
    list.push({ visibleAt, issue: issue === null ? null : structuredClone(issue) });
    // A handful of versions covers any lag a test sets; older ones can no longer be the newest visible.
    this.versions.set(id, list.slice(-MAX_VERSIONS));
  }

  /** What a search at `now` sees; ids in `reconcile` are read from the live state (read-after-write). */
  visible(issues: LiveIssues, now: number, reconcile: ReadonlySet<string>): StoredIssue[] {
    const out: StoredIssue[] = [];
    for (const [id, list] of this.versions) {
      if (reconcile.has(id)) {
        const live = issues.get(id);
        if (live !== undefined) out.push(live);
        continue;
      }
      const seen = [...list].reverse().find((v) => v.visibleAt <= now);
      if (seen?.issue) out.push(seen.issue);
    }
    return out;
  }
}
