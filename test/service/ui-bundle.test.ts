/**
 * What the service's admin page ships to browsers: the renderer and the settings page built with the service's own
 * UI Kit packages, so no file of Atlassian's @forge/* packages (licensed only under the Atlassian Developer Terms)
 * is in them, while the Forge sandbox, the Forge app's own development loop, still bundles the real ones.
 */
import { bundle, RENDERER, type BundleSource } from '../../src/service/ui/bundle';
import { uiManifest } from '../../src/service/ui/manifest';
import { createWorld } from './world';

const forgeFiles = (inputs: string[]): string[] => inputs.filter((file) => file.includes('node_modules/@forge/'));

const resources = (): BundleSource[] =>
  Object.values(uiManifest().modules).map((m) => ({ name: m.resource.key, entry: m.resource.entry }));

describe("the service's browser bundles", () => {
  it('hold no file of any @forge package, for the renderer and every UI Kit resource', async () => {
    for (const source of [RENDERER, ...resources()]) {
      const built = await bundle(source, 'own');
      expect([source.name, forgeFiles(built.inputs)]).toEqual([source.name, []]);
      if (source !== RENDERER) expect(built.inputs).toContain('src/service/ui/browser/forge-shim/reconciler.ts');
    }
  }, 120_000);

  it("are what the admin page serves, where the Forge sandbox's bundles still hold @forge/react and @forge/bridge", async () => {
    const settings = uiManifest().modules.settings.resource.key;
    const world = createWorld();
    const { cookie } = await world.signIn();
    const served = await world.request(`/admin/assets/${settings}.js`, { headers: { cookie } });
    expect(served.status).toBe(200);
    const source = resources().find((s) => s.name === settings);
    if (!source) throw new Error('the manifest has no settings resource');
    const own = await bundle(source, 'own');
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(own.js))).toBe(true);

    const atlassian = forgeFiles((await bundle(source, 'atlassian')).inputs);
    expect(atlassian).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/node_modules\/@forge\/react\//),
        expect.stringMatching(/node_modules\/@forge\/bridge\//),
      ]),
    );
  }, 120_000);
});
