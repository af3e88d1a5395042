/**
 * Every Russian wording of a refusal, a row problem and a health notice, with each parameter filled with data: no
 * English word is left, and no placeholder. This covers the codes the resolver tests cannot stage (a deactivated
 * person, an unreachable authorisation server, each Jira failure), next to those they drive.
 */
import russian from '../../src/frontend/i18n/ru-RU.json';
import { fill } from '../../src/frontend/shared/words';
import { englishWords, translator } from '../support/russian';

type Tree = { [key: string]: string | Tree };
const leaves = (tree: Tree, prefix: string): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]): [string, string][] =>
    typeof v === 'string' ? [[`${prefix}${k}`, v]] : leaves(v, `${prefix}${k}.`),
  );

const ru = translator('ru-RU');
/** Parameters that are counts take numbers; those worded by a group take a code that group words. */
const NUMBERS = new Set(['count', 'days', 'everyMinutes']);
const WORDED: Record<string, string> = { reason: 'b24.network' };

describe('refusals and notices in Russian', () => {
  const worded = [
    ...leaves((russian as unknown as Tree).errors as Tree, 'errors.'),
    ...leaves((russian as unknown as Tree).health as Tree, 'health.'),
    ...leaves((russian as unknown as Tree).healthFix as Tree, 'healthFix.'),
  ];

  it.each(worded)('%s has no English word once its data is filled in', (_key, template) => {
    const names = [...template.matchAll(/\{(\w+)/g)].map((m) => m[1] ?? '');
    const params = Object.fromEntries(names.map((n) => [n, WORDED[n] ?? (NUMBERS.has(n) ? '3' : `Data${n}`)]));
    const text = fill(ru, template.replace(/\[([^\]]*)\]/g, '$1'), params);
    expect({ text, english: englishWords(text, Object.values(params)), left: /[{}]/.test(text) }).toEqual({
      text,
      english: [],
      left: false,
    });
  });
});
