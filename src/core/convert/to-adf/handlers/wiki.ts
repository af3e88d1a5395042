/**
 * The elements only the wiki reader produces: people and files it resolved through the caller's options, emoji
 * and panels. They extend the shared handler table; everything else in wiki maps onto ordinary HTML elements.
 */
import type { AdfNode } from '../../../adf';
import { propString } from '../../hast';
import { fitBlocks } from '../fit';
import { toBlocks } from '../group';
import type { Handler, HandlerTable } from '../state';
import { HANDLERS } from './index';

const mention: Handler = (el) => [
  { type: 'mention', attrs: { id: propString(el, 'id') ?? '', text: propString(el, 'text') ?? '' } },
];

const emoji: Handler = (el) => [
  {
    type: 'emoji',
    attrs: {
      shortName: propString(el, 'shortName') ?? '',
      id: propString(el, 'emojiId') ?? '',
      text: propString(el, 'text') ?? '',
    },
  },
];

/** `[^file]` sits in a group (as Jira Cloud shows attachments), `!file!` alone. */
const media: Handler = (el) => {
  const attrs = {
    type: 'file',
    id: propString(el, 'id') ?? '',
    collection: propString(el, 'collection') ?? '',
    alt: propString(el, 'alt') ?? '',
  };
  const node: AdfNode = { type: 'media', attrs };
  return propString(el, 'group') === 'group'
    ? [{ type: 'mediaGroup', content: [node] }]
    : [{ type: 'mediaSingle', attrs: { layout: 'center' }, content: [node] }];
};

/** ADF panels have no title: it becomes the panel's first paragraph, in bold. */
const panel: Handler = (el, ctx, state) => {
  const title = propString(el, 'title')?.trim();
  const head: AdfNode[] = title
    ? [{ type: 'paragraph', content: [{ type: 'text', text: title, marks: [{ type: 'strong' }] }] }]
    : [];
  const content = [...head, ...fitBlocks(toBlocks(state.all(el, ctx), ctx.collapse), 'panel')];
  return content.length > 0 ? [{ type: 'panel', attrs: { panelType: 'info' }, content }] : [];
};

export const WIKI_HANDLERS: HandlerTable = {
  handlers: {
    ...HANDLERS.handlers,
    'wiki-mention': mention,
    'wiki-emoji': emoji,
    'wiki-media': media,
    'wiki-panel': panel,
  },
  ignored: HANDLERS.ignored,
};
