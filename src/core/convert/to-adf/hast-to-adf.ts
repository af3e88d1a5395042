/** hast → ADF document: walk with the handler table, group inline runs into paragraphs, fit the doc rules. */
import type { AdfDoc } from '../../adf';
import type { Root } from '../hast';
import { fitBlocks } from './fit';
import { toBlocks } from './group';
import { HANDLERS } from './handlers';
import { createState } from './state';

const state = createState(HANDLERS);

export function hastToAdf(root: Root, collapse: boolean): AdfDoc {
  const blocks = toBlocks(state.all(root, { marks: [], collapse }), collapse);
  return { type: 'doc', version: 1, content: fitBlocks(blocks, 'doc') };
}
