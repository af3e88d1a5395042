/**
 * Which instance opened a TCP connection to the test's fronts, told by the operating system rather than by the
 * service: the connection's client port is looked up in /proc/net/tcp, and the socket's inode among the open files
 * of each instance's process group. Both instances read the portal's address from the same database, so nothing
 * in their requests could tell them apart, and nothing in them is changed to make it so.
 */
import { readdir, readFile, readlink } from 'node:fs/promises';
import type { Socket } from 'node:net';

const hexPort = (port: number): string => port.toString(16).toUpperCase().padStart(4, '0');
/** 127.0.0.1 as /proc/net/tcp prints it (little-endian hex). */
const LOOPBACK_HEX = '0100007F';

async function inodeOf(clientPort: number, serverPort: number): Promise<string | undefined> {
  const table = await readFile('/proc/net/tcp', 'utf8');
  const local = `${LOOPBACK_HEX}:${hexPort(clientPort)}`;
  const remote = `${LOOPBACK_HEX}:${hexPort(serverPort)}`;
  for (const line of table.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols[1] === local && cols[2] === remote) return cols[9];
  }
  return undefined;
}

async function processGroupOf(pid: string): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // The command name is in parentheses and may hold spaces; the fields after it are plain.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const group = Number(rest[2]);
  return Number.isInteger(group) ? group : undefined;
}

async function holdsSocket(pid: string, inode: string): Promise<boolean> {
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
  for (const fd of fds) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    if (target === `socket:[${inode}]`) return true;
  }
  return false;
}

export class Callers {
  /** Instance name → its process group (the `npm run serve` started as a group leader). */
  private readonly groups = new Map<string, number>();

  register(name: string, processGroup: number): void {
    this.groups.set(name, processGroup);
  }

  /** The instance whose process holds the client end of `socket`, or 'unknown'. */
  async of(socket: Socket): Promise<string> {
    const { remotePort, localPort } = socket;
    if (remotePort === undefined || localPort === undefined) return 'unknown';
    const inode = await inodeOf(remotePort, localPort);
    if (inode === undefined) return 'unknown';
    const pids = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry));
    for (const pid of pids) {
      const group = await processGroupOf(pid);
      const name = [...this.groups].find(([, g]) => g === group)?.[0];
      if (name !== undefined && (await holdsSocket(pid, inode))) return name;
    }
    return 'unknown';
  }
}
