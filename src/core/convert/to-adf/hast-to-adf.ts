/** hast → ADF document: walk with the handler table, group inline runs into paragraphs, fit the doc rules. */
import type { AdfDoc } from '../../adf';
import { capHastDepth } from '../depth';
import type { Root } from '../hast';
import { fitBlocks } from './fit';
import { toBlocks } from './group';
import { HANDLERS } from './handlers';
import { createState } from './state';

const state = createState(HANDLERS);

export function hastToAdf(root: Root, collapse: boolean): AdfDoc {
  // The walk below recurses once per level: the tree is cut to a fixed depth first.
  const blocks = toBlocks(state.all(capHastDepth(root, HANDLERS.ignored), { marks: [], collapse }), collapse);
  return { type: 'doc', version: 1, content: fitBlocks(blocks, 'doc') };
}
