/** The Mapping tab's choice for restricted Jira content is saved through validateConfig. */
import { keys } from '../../src/app/store/keys';
import { createResolverWorld } from './world';

describe('the restricted-content option of the mapping', () => {
  it('is saved when valid and refused beside its row when not', async () => {
    const world = await createResolverWorld();
    const { config } = (await world.settings('ben', 'getMapping')) as { config: Record<string, unknown> };
    expect(config.restricted).toBeUndefined();
    expect(
      await world.settings('ben', 'saveMapping', {
        config: { ...config, restricted: { comments: 'copy', securedIssues: 'hold-back' } },
      }),
    ).toEqual({ ok: true });
    expect(world.platform.kvs.peek(keys.projectConfig('DEMO'))).toMatchObject({
      restricted: { comments: 'copy', securedIssues: 'hold-back' },
    });
    const reply = await world.settings('ben', 'saveMapping', {
      config: { ...config, restricted: { comments: 'sometimes', securedIssues: 'hold-back' } },
    });
    expect(reply).toMatchObject({ ok: false, problems: [{ path: 'restricted.comments' }] });
  });
});
