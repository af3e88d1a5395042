import { createWorld, form, ORIGIN, sessionCookie, SETUP_CODE } from './world';

const PASSWORD = 'correct horse battery';
const setupFields = { code: SETUP_CODE, username: 'admin', password: PASSWORD, password2: PASSWORD };

describe('the first setup', () => {
  it('is where a fresh service sends every visitor, and the only form it offers', async () => {
    const world = createWorld();
    expect((await world.request('/')).headers.get('location')).toBe('/setup');
    expect((await world.request('/login')).headers.get('location')).toBe('/setup');
    expect(await (await world.request('/setup')).text()).toContain('name="code"');
  });

  it('needs the setup code from the log: a visitor who merely reached the port first cannot become the admin', async () => {
    const world = createWorld();
    const response = await world.request('/setup', form({ ...setupFields, code: 'guessed' }));
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('The setup code is wrong');
    expect(await world.storage.kv.get('service:admin')).toBeUndefined();
  });

  it('creates the admin once, signs them in, and refuses a second setup without changing the first', async () => {
    const world = createWorld();
    const first = await world.request('/setup', form(setupFields));
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const stored = JSON.stringify(await world.storage.kv.get('service:admin'));
    expect(stored).not.toContain(PASSWORD);
    const second = await world.request(
      '/setup',
      form({
        ...setupFields,
        username: 'mallory',
        password: 'another long password',
        password2: 'another long password',
      }),
    );
    expect(second.status).toBe(409);
    expect(JSON.stringify(await world.storage.kv.get('service:admin'))).toBe(stored);
    expect((await world.request('/setup')).headers.get('location')).toBe('/login');
  });

  it("refuses short passwords, differing repeats and odd user names, in the browser's language", async () => {
    const world = createWorld();
    const ask = async (fields: Record<string, string>, language = 'en'): Promise<string> => {
      const init = form({ ...setupFields, ...fields });
      return (
        await world.request('/setup', {
          ...init,
          headers: { ...(init.headers as Record<string, string>), 'accept-language': language },
        })
      ).text();
    };
    expect(await ask({ password: 'short', password2: 'short' })).toContain('at least 12 characters');
    expect(await ask({ password2: 'something else entirely' })).toContain('The two passwords differ.');
    expect(await ask({ username: 'a b<script>' })).toContain('letters, digits');
    expect(await ask({ password: 'short', password2: 'short' }, 'ru-RU,ru;q=0.9')).toContain('не короче 12 символов');
    expect(await world.storage.kv.get('service:admin')).toBeUndefined();
  });

  it('refuses a form posted from another site', async () => {
    const world = createWorld();
    const response = await world.request('/setup', form(setupFields, 'https://evil.example'));
    expect(response.status).toBe(403);
    expect(await world.storage.kv.get('service:admin')).toBeUndefined();
  });
});

describe('signing in', () => {
  async function withAdmin() {
    const world = createWorld({ throttle: { perAddress: 3, perAccount: 5, windowMs: 60_000 } });
    await world.request('/setup', form(setupFields));
    return world;
  }

  it('sets a session cookie that scripts cannot read, sent only over HTTPS and only from this site', async () => {
    const world = await withAdmin();
    const response = await world.request('/login', form({ username: 'admin', password: PASSWORD }));
    expect(response.status).toBe(303);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^b24sync_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    expect((await world.request('/', { headers: { cookie: sessionCookie(response) } })).headers.get('location')).toBe(
      '/admin',
    );
  });

  it('keeps only a hash of the session token, so the store holds no usable cookie', async () => {
    const world = await withAdmin();
    const token =
      sessionCookie(await world.request('/login', form({ username: 'admin', password: PASSWORD }))).split('=')[1] ?? '';
    const { entries } = await world.storage.kv.listByPrefix('service:session:');
    expect(entries.length).toBeGreaterThan(0);
    expect(JSON.stringify(entries)).not.toContain(token);
  });

  it('says the same for a wrong password and an unknown name, and sets no cookie', async () => {
    const world = await withAdmin();
    for (const fields of [
      { username: 'admin', password: 'wrong password!!' },
      { username: 'nobody', password: PASSWORD },
    ]) {
      const response = await world.request('/login', form(fields));
      expect(response.status).toBe(403);
      expect(response.headers.get('set-cookie')).toBeNull();
      expect(await response.text()).toContain('The user name or the password is wrong.');
    }
  });

  it('stops checking passwords from an address after repeated failures, even the right one', async () => {
    const world = await withAdmin();
    for (let i = 0; i < 3; i += 1)
      expect((await world.request('/login', form({ username: 'admin', password: `wrong ${i} password` }))).status).toBe(
        403,
      );
    const blocked = await world.request('/login', form({ username: 'admin', password: PASSWORD }));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.headers.get('set-cookie')).toBeNull();
    expect(
      (await world.request('/login', { ...form({ username: 'admin', password: PASSWORD }), address: '198.51.100.9' }))
        .status,
    ).toBe(303);
  });

  it('stops guesses at the account spread over many addresses', async () => {
    const world = await withAdmin();
    for (let i = 0; i < 5; i += 1)
      await world.request('/login', {
        ...form({ username: 'admin', password: `wrong ${i} password` }),
        address: `198.51.100.${i}`,
      });
    expect(
      (await world.request('/login', { ...form({ username: 'admin', password: PASSWORD }), address: '192.0.2.1' }))
        .status,
    ).toBe(429);
  });

  it('ends the session on sign-out: the old cookie opens nothing', async () => {
    const world = await withAdmin();
    const cookie = sessionCookie(await world.request('/login', form({ username: 'admin', password: PASSWORD })));
    const out = await world.request('/logout', { method: 'POST', headers: { cookie, origin: ORIGIN } });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/b24sync_session=;.*Max-Age=0/);
    expect((await world.request('/admin', { headers: { cookie } })).headers.get('location')).toBe('/login');
  });
});
