/**
 * On the local platform, a task whose description nests thousands of tags syncs at once (no stack overflow, no 25
 * retries), and a Jira description carrying `javascript:` in every place ADF holds a URL reaches Bitrix24 without
 * a single live unsafe link.
 */
import { validateAdf } from '../../src/local/adf-validator';
import { actions, createWorld, PEOPLE } from './harness';

describe('a task with deeply nested BBCode', () => {
  it.each([
    // Deep [LIST]s also need bounded stored state: their scenario is deep-state.test.ts.
    ['[B]', '[/B]'],
    ['[QUOTE]', '[/QUOTE]'],
    ['[URL=https://example.com/]', '[/URL]'],
    ['[B][QUOTE][I]', '[/I][/QUOTE][/B]'],
  ])('syncs to one valid issue on the first attempt with %s nested 5,000 deep', async (open, close) => {
    const w = await createWorld();
    const a = actions(w);
    const taskId = await a.createTask(PEOPLE.ben.b24, {
      TITLE: 'Nested',
      DESCRIPTION: `${open.repeat(5_000)}innermost${close.repeat(5_000)} after`,
    });
    await w.settle();
    const issue = await a.issueOfTask(taskId);
    expect(validateAdf(issue.fields.description)).toEqual([]);
    expect(JSON.stringify(issue.fields.description)).toMatch(/innermost[\s\S]*after/);
    expect(a.journal().filter((e) => e.outcome === 'failed')).toEqual([]);
    expect(await a.issuesInProject()).toHaveLength(1);
  });
});

describe('a Jira issue with deeply nested lists and quotes', () => {
  it('syncs to one task whose description keeps the innermost text', async () => {
    const w = await createWorld();
    const a = actions(w);
    let node: unknown = { type: 'paragraph', content: [{ type: 'text', text: 'innermost' }] };
    for (let i = 0; i < 150; i++)
      node = {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: `level${i}` }] }, node] },
        ],
      };
    const created = await a.createIssue(PEOPLE.dmitri.email, {
      summary: 'Deep',
      description: { type: 'doc', version: 1, content: [node] },
    });
    await w.settle();
    const task = await a.taskOfIssue(created.id);
    expect(task.description).toContain('innermost');
    expect(task.description).toContain('level149');
    // Whether the pair's stored state stays within Forge's depth limit is deep-state.test.ts's, with its clean journal.
  });
});

describe('a Jira description with unsafe URLs', () => {
  it('reaches Bitrix24 with only http, https and mailto links, and a quote inside a URL escaped', async () => {
    const w = await createWorld();
    const a = actions(w);
    const evil = 'javascript:alert(document.cookie)';
    const description = {
      type: 'doc',
      version: 1,
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'mark', marks: [{ type: 'link', attrs: { href: evil } }] },
            { type: 'text', text: ' ' },
            { type: 'inlineCard', attrs: { url: 'JaVa\tScript:alert(2)' } },
            { type: 'text', text: ' ' },
            {
              type: 'text',
              text: 'quoted',
              marks: [{ type: 'link', attrs: { href: 'https://ok.test/a"onmouseover="alert(3)' } }],
            },
          ],
        },
        { type: 'blockCard', attrs: { url: 'vbscript:msgbox(4)' } },
        {
          type: 'mediaSingle',
          attrs: { layout: 'center' },
          content: [{ type: 'media', attrs: { type: 'external', url: 'javascript:alert(5)' } }],
        },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'mail', marks: [{ type: 'link', attrs: { href: 'mailto:team@example.com' } }] },
          ],
        },
      ],
    };
    const created = await a.createIssue(PEOPLE.dmitri.email, { summary: 'Links', description });
    await w.settle();
    const task = await a.taskOfIssue(created.id);
    const urls = [...task.description.matchAll(/\[URL=([^\]]*)\]|\[(?:URL|IMG)\]([^[]*)\[\//gi)].map(
      (m) => m[1] ?? m[2] ?? '',
    );
    expect(urls).toEqual(['https://ok.test/a%22onmouseover=%22alert(3)', 'mailto:team@example.com']);
    expect(task.description).toContain('mark');
    expect(task.description).not.toMatch(/\[URL=[^\]]*script/i);
  });
});
