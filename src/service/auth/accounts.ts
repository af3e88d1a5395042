/**
 * The one admin account and its sessions, in the key-value store. The admin is created once: the first setup
 * wins (an atomic create), every later one is refused, so two browsers racing through the setup form cannot
 * both become the admin. A session is kept under the hash of its token, so a copy of the database holds no
 * usable cookie.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { KeyValueStore } from '../../ports/store';
import { hashPassword, passwordHashSchema, verifyPassword, type PasswordHash, type ScryptCost } from './password';

const ADMIN_KEY = 'service:admin';
const sessionKey = (token: string): string => `service:session:${createHash('sha256').update(token).digest('hex')}`;

const adminSchema = z.object({ username: z.string().min(1), password: passwordHashSchema, createdAt: z.number() });
const sessionSchema = z.object({ username: z.string(), csrf: z.string().min(32), expiresAt: z.number() });

export type Admin = z.infer<typeof adminSchema>;
export type Session = z.infer<typeof sessionSchema>;

export const USERNAME_PATTERN = /^[\p{L}\p{N}._@-]{1,100}$/u;

/** Spent on a sign-in for a name that is not the admin's, so the answer takes as long as a wrong password. */
let decoy: Promise<PasswordHash> | undefined;

export class Accounts {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly now: () => number,
    private readonly cost?: ScryptCost,
  ) {}

  async admin(): Promise<Admin | null> {
    const parsed = adminSchema.safeParse(await this.kv.get(ADMIN_KEY));
    return parsed.success ? parsed.data : null;
  }

  /** False when an admin exists already (nothing is changed then). */
  async createAdmin(username: string, password: string): Promise<boolean> {
    if (await this.admin()) return false;
    const admin: Admin = { username, password: await hashPassword(password, this.cost), createdAt: this.now() };
    return this.kv.setIfAbsent(ADMIN_KEY, admin);
  }

  /** The admin's name when both match; the password is checked either way, in constant time. */
  async verify(username: string, password: string): Promise<string | null> {
    const admin = await this.admin();
    if (!admin) return null;
    if (admin.username !== username) {
      decoy ??= hashPassword('not the password', admin.password);
      await verifyPassword(await decoy, password);
      return null;
    }
    return (await verifyPassword(admin.password, password)) ? admin.username : null;
  }

  async openSession(username: string, hours: number): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const session: Session = {
      username,
      csrf: randomBytes(32).toString('base64url'),
      expiresAt: this.now() + hours * 3_600_000,
    };
    await this.kv.set(sessionKey(token), session, { ttlSeconds: hours * 3600 });
    return { token, session };
  }

  /** The live session of a cookie, or null: unknown, malformed or past its expiry (the store's TTL may lag). */
  async session(token: string | undefined): Promise<Session | null> {
    if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const parsed = sessionSchema.safeParse(await this.kv.get(sessionKey(token)));
    if (!parsed.success || parsed.data.expiresAt <= this.now()) return null;
    return parsed.data;
  }

  async closeSession(token: string | undefined): Promise<void> {
    if (token && /^[A-Za-z0-9_-]{43}$/.test(token)) await this.kv.delete(sessionKey(token));
  }
}
