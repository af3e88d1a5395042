/** Wiki hast → ADF: the shared walk with the wiki handler table (wiki keeps its spaces: no collapsing). */
import type { AdfDoc } from '../../adf';
import { capHastDepth } from '../depth';
import type { Root } from '../hast';
import { fitBlocks } from '../to-adf/fit';
import { toBlocks } from '../to-adf/group';
import { WIKI_HANDLERS } from '../to-adf/handlers/wiki';
import { createState } from '../to-adf/state';

const state = createState(WIKI_HANDLERS);

export function wikiHastToAdf(root: Root): AdfDoc {
  const blocks = toBlocks(state.all(capHastDepth(root, WIKI_HANDLERS.ignored), { marks: [], collapse: false }), false);
  return { type: 'doc', version: 1, content: fitBlocks(blocks, 'doc') };
}
