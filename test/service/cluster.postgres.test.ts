/**
 * Two service instances (`npm run serve`, each its own process group) on one PostgreSQL, between the emulated
 * Jira Cloud and an emulated on-premise portal reached over real sockets, with both sides' events handed to them
 * in turn as a load balancer would. People storm several pairs on both sides; one instance is caught in the middle
 * of a job (its write was applied, its reply is held) and killed with SIGKILL, then started again while the storm
 * goes on. Once everything is quiet: every last value is on both sides, every comment arrived exactly once, every
 * new task and issue is paired exactly once, nothing is dead or failed in the queue, and no pair was written by
 * both instances at once.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_ACCOUNT, JIRA_WEBHOOK_SECRET } from '../../src/local/service-runtime/seed';
import { Callers } from './cluster/callers';
import { concurrentWrites, notExactlyOnce } from './cluster/checks';
import { connectService } from './cluster/admin';
import { RunDatabase } from './cluster/database';
import { Front, type WriteRecord } from './cluster/front';
import { freePort } from '../support/processes';
import { Instance } from './cluster/instances';
import { Balancer, createRemotes, type Remotes } from './cluster/remotes';
import { groupTitles, issue, issueComments, projectSummaries, task, taskComments } from './cluster/sides';
import { Storm, type Pair } from './cluster/storm';

const serverUrl = process.env.TEST_DATABASE_URL;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await sleep(500);
  }
}

const isCommentCreate = (r: WriteRecord): boolean =>
  r.call === 'task.commentitem.add' || /^POST \/rest\/api\/3\/issue\/[^/]+\/comment$/.test(r.call);

interface Run {
  remotes: Remotes;
  storm: Storm;
  front: Front;
  balancer: Balancer;
  instances: Instance[];
  links: Map<string, { issueId: string; issueKey: string }>;
  killed: { record: WriteRecord; at: number; restartedAt: number; quietAt: number };
  dead: unknown[];
  jobs: number;
}

// Runs wherever PostgreSQL is (`.ci/run` starts one); `npm run test:cluster` runs it alone, and CLUSTER_LOG_DIR keeps
// the instances' logs of a run.
if (!serverUrl) {
  const why = 'TEST_DATABASE_URL is not set';
  describe.skip(`the service cluster on PostgreSQL (skipped: ${why})`, () => {
    it('keeps two instances and a SIGKILL from losing or doubling a change', () => undefined);
  });
  console.warn(`service cluster test: skipped, ${why}`);
} else {
  describe('two service instances on one PostgreSQL, one killed with SIGKILL in the middle of a job', () => {
    const callers = new Callers();
    const front = new Front(callers);
    let database: RunDatabase | undefined;
    const instances: Instance[] = [];
    let run: Run;
    let balancer: Balancer | undefined;

    async function instancesOn(db: RunDatabase, remotes: Remotes): Promise<Instance[]> {
      const env = {
        DATABASE_URL: db.url,
        SYNC_SECRET_KEY: randomBytes(32).toString('base64'),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        SYNC_JOB_TIMEOUT_SECONDS: '30',
        SYNC_SHUTDOWN_TIMEOUT_MS: '2000',
        JIRA_AUTH: 'token',
        JIRA_SITE_URL: `http://127.0.0.1:${front.jiraPort}`,
        JIRA_ALLOW_LOOPBACK: 'true',
        JIRA_EMAIL: SERVICE_ACCOUNT.email,
        JIRA_API_TOKEN: remotes.serviceApiToken,
        JIRA_WEBHOOK_SECRET,
        NODE_EXTRA_CA_CERTS: front.caFile,
      };
      for (const name of ['A', 'B']) {
        const port = await freePort();
        instances.push(new Instance(name, port, { ...env, SYNC_PUBLIC_URL: `http://127.0.0.1:${port}` }, callers));
      }
      await Promise.all(instances.map((i) => i.start()));
      return instances;
    }

    async function quiet(db: RunDatabase, balancer: Balancer, timeoutMs: number): Promise<void> {
      let calm = 0;
      await until(
        'quiet on both sides',
        async () => {
          const open = await db.openJobs();
          calm = balancer.pending.size === 0 && front.inFlight === 0 && open === 0 ? calm + 1 : 0;
          return calm >= 4;
        },
        timeoutMs,
      );
    }

    async function pairsOf(db: RunDatabase, storm: Storm, tasks: string[], issues: string[]): Promise<Pair[]> {
      let links = new Map<string, { issueId: string }>();
      await until(
        'the first pairs',
        async () => {
          links = await db.links();
          const linkedIssues = new Set([...links.values()].map((l) => l.issueId));
          return tasks.every((t) => links.has(t)) && issues.every((i) => linkedIssues.has(i));
        },
        60_000,
      );
      const byIssue = new Map([...links].map(([taskId, l]) => [l.issueId, taskId]));
      return [
        ...tasks.map((taskId) => ({ taskId, issueId: links.get(taskId)?.issueId ?? '' })),
        ...issues.map((issueId) => ({ taskId: byIssue.get(issueId) ?? '', issueId })),
      ];
    }

    /** The kill: the first comment an instance creates on either side is applied, its reply held, the instance killed. */
    function armKill(): Promise<{ record: WriteRecord; at: number; restarted: Promise<number> }> {
      return new Promise((resolve) => {
        front.hold = {
          ms: 5000,
          matches: (r) => r.status < 400 && r.instance !== 'unknown' && isCommentCreate(r),
          caught: (record) => {
            const victim = instances.find((i) => i.name === record.instance);
            if (!victim) throw new Error(`no instance ${record.instance}`);
            void victim.kill().then(() => {
              const at = Date.now();
              const restarted = sleep(2000)
                .then(() => victim.start())
                .then(() => Date.now());
              resolve({ record, at, restarted });
            });
          },
        };
      });
    }

    beforeAll(async () => {
      database = await RunDatabase.create(serverUrl);
      await front.listen();
      balancer = new Balancer(() => instances);
      const remotes = createRemotes(front, balancer);
      await instancesOn(database, remotes);
      await connectService(instances[0] as Instance, remotes);
      const warmUp = new Storm(remotes, []);
      const tasks = await Promise.all([0, 1, 2, 3].map((n) => warmUp.createTask(`shared-task-${n}-z`)));
      const issues = await Promise.all([0, 1].map((n) => warmUp.createIssue(`shared-issue-${n}-z`)));
      const storm = new Storm(remotes, await pairsOf(database, warmUp, tasks, issues));
      await quiet(database, balancer, 60_000);
      for (const r of [1, 2]) await storm.round(r);
      const kill = armKill();
      for (const r of [3, 4, 5]) {
        await storm.round(r);
        await sleep(500);
      }
      const killed = await Promise.race([kill, sleep(60_000).then(() => null)]);
      if (!killed) throw new Error('no instance was caught creating a comment');
      await storm.startWork();
      await storm.round(6);
      const restartedAt = await killed.restarted;
      await quiet(database, balancer, 180_000);
      const quietAt = Date.now();
      run = {
        remotes,
        storm,
        front,
        balancer,
        instances,
        links: await database.links(),
        killed: { record: killed.record, at: killed.at, restartedAt, quietAt },
        dead: await database.deadJobs(),
        jobs: await database.syncJobsCount(),
      };
    }, 400_000);

    afterAll(async () => {
      if (run) {
        const e = run.storm.expected;
        console.log(
          `cluster: ${e.changes} changes by people, ${run.jobs} sync jobs, ${run.front.writes.length} writes by the ` +
            `instances, ${run.balancer.delivered} events delivered; instance ${run.killed.record.instance} killed ` +
            `during ${run.killed.record.call}, back ${run.killed.restartedAt - run.killed.at} ms later, quiet ` +
            `${run.killed.quietAt - run.killed.at} ms after the kill`,
        );
      }
      // CLUSTER_LOG_DIR keeps the instances' log lines of a run for reading afterwards.
      const logDir = process.env.CLUSTER_LOG_DIR;
      if (logDir) for (const i of instances) writeFileSync(join(logDir, `instance-${i.name}.log`), i.log());
      balancer?.stop();
      await Promise.all(instances.map((i) => i.kill()));
      await Promise.allSettled([...(balancer?.pending ?? [])]);
      await front.close();
      await database?.drop();
    }, 60_000);

    it('caught an instance in the middle of a job, killed it, and started it again', () => {
      expect(isCommentCreate(run.killed.record)).toBe(true);
      expect(run.instances.map((i) => [i.name, i.alive])).toEqual([
        ['A', true],
        ['B', true],
      ]);
      expect(run.instances.find((i) => i.name === run.killed.record.instance)?.starts).toBe(2);
    });

    it('told every write apart by the instance that made it', () => {
      expect(run.front.writes.filter((w) => w.instance === 'unknown')).toEqual([]);
      expect(new Set(run.front.writes.map((w) => w.instance))).toEqual(new Set(['A', 'B']));
    });

    it('handed every event of both sides to an instance that took it', () => {
      expect(run.balancer.undelivered).toEqual([]);
    });

    it("has every edit's last value, and every status, on both sides", async () => {
      const { remotes, storm } = run;
      const seen = await Promise.all(
        storm.pairs.map(async (pair, i) => {
          const [t, j] = await Promise.all([task(remotes, pair.taskId), issue(remotes, pair.issueId)]);
          const title = storm.expected.titles.get(i) ?? '';
          const description = storm.expected.descriptions.get(i) ?? '';
          return {
            titles: [t.title, j.summary],
            descriptions: [t.description.includes(description), j.description.includes(description)],
            statuses: [t.status, j.status],
            expected: { titles: [title, title] },
          };
        }),
      );
      for (const s of seen) {
        expect(s.titles).toEqual(s.expected.titles);
        expect(s.descriptions).toEqual([true, true]);
        expect(s.statuses).toEqual(['3', 'In Progress']);
      }
    });

    it('has every comment exactly once on each side', async () => {
      const { remotes, storm } = run;
      const onTasks = (await Promise.all(storm.pairs.map((p) => taskComments(remotes, p.taskId)))).flat();
      const onIssues = (await Promise.all(storm.pairs.map((p) => issueComments(remotes, p.issueId)))).flat();
      const tokens = [...storm.expected.b24Comments, ...storm.expected.jiraComments].map((c) => c.token);
      expect(notExactlyOnce(tokens, onTasks)).toEqual({});
      expect(notExactlyOnce(tokens, onIssues)).toEqual({});
    });

    it('paired every new task and issue exactly once', async () => {
      const { remotes, storm, links } = run;
      const created = [...storm.expected.createdTasks, ...storm.expected.createdIssues].map((c) => c.title);
      expect(notExactlyOnce(created, await groupTitles(remotes))).toEqual({});
      expect(notExactlyOnce(created, await projectSummaries(remotes))).toEqual({});
      expect(storm.expected.createdTasks.filter((t) => !links.has(t.taskId))).toEqual([]);
      const linkedIssues = [...links.values()].map((l) => l.issueId);
      expect(storm.expected.createdIssues.filter((i) => !linkedIssues.includes(i.issueId))).toEqual([]);
      expect(new Set(linkedIssues).size).toBe(linkedIssues.length);
    });

    it('left nothing dead or failed in the queue', () => {
      expect(run.dead).toEqual([]);
    });

    it('never had one pair written by both instances at once', () => {
      const byIssue = new Map<string, string>();
      for (const [taskId, link] of run.links) {
        byIssue.set(link.issueId, taskId);
        byIssue.set(link.issueKey, taskId);
      }
      const pairOf = (entity: string): string | null =>
        entity.startsWith('b24:') ? entity.slice(4) : (byIssue.get(entity.slice(5)) ?? null);
      expect(run.front.writes.filter((w) => w.entity !== null).length).toBeGreaterThan(50);
      expect(concurrentWrites(run.front.writes, pairOf)).toEqual([]);
    });
  });
}
