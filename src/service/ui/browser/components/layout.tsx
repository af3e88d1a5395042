/** Layout and text: Stack, Inline, Box, Text, Heading, Lozenge, SectionMessage, Spinner, Link, Em/Strong and raw strings. */
import Heading from '@atlaskit/heading';
import Link from '@atlaskit/link';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { ComponentProps } from 'react';
import type { Drawing } from '../drawing';
import { bool, text } from '../forge-doc';

type Space = ComponentProps<typeof Stack>['space'];
type HeadingSize = ComponentProps<typeof Heading>['size'];
type LozengeAppearance = ComponentProps<typeof Lozenge>['appearance'];
type SectionAppearance = ComponentProps<typeof SectionMessage>['appearance'];

const HEADING_SIZES = ['xxlarge', 'xlarge', 'large', 'medium', 'small', 'xsmall', 'xxsmall'];
/** UI Kit's older `as="h2"` maps to the size Jira draws for it. */
const HEADING_BY_TAG: Record<string, string> = {
  h1: 'xlarge',
  h2: 'large',
  h3: 'medium',
  h4: 'small',
  h5: 'xsmall',
  h6: 'xxsmall',
};

export const LAYOUT: Record<string, Drawing> = {
  String: ({ doc }) => text(doc.props.text) ?? '',
  Stack: ({ doc, draw }) => (
    <Stack
      space={text(doc.props.space) as Space}
      alignInline={text(doc.props.alignInline) as ComponentProps<typeof Stack>['alignInline']}
      alignBlock={text(doc.props.alignBlock) as ComponentProps<typeof Stack>['alignBlock']}
      grow={text(doc.props.grow) as ComponentProps<typeof Stack>['grow']}
    >
      {doc.children.map(draw)}
    </Stack>
  ),
  Inline: ({ doc, draw }) => (
    <Inline
      space={text(doc.props.space) as Space}
      alignBlock={text(doc.props.alignBlock) as ComponentProps<typeof Inline>['alignBlock']}
      alignInline={text(doc.props.alignInline) as ComponentProps<typeof Inline>['alignInline']}
      spread={text(doc.props.spread) as ComponentProps<typeof Inline>['spread']}
      shouldWrap={bool(doc.props.shouldWrap) ?? true}
    >
      {doc.children.map(draw)}
    </Inline>
  ),
  Box: ({ doc, draw }) => (
    <Box padding={text(doc.props.padding) as ComponentProps<typeof Box>['padding']}>{doc.children.map(draw)}</Box>
  ),
  Text: ({ doc, draw }) => <Text as="p">{doc.children.map(draw)}</Text>,
  Em: ({ doc, draw }) => <em>{doc.children.map(draw)}</em>,
  Strong: ({ doc, draw }) => <strong>{doc.children.map(draw)}</strong>,
  Heading: ({ doc, draw }) => {
    const asked = text(doc.props.size) ?? HEADING_BY_TAG[text(doc.props.as) ?? ''] ?? 'medium';
    const size = (HEADING_SIZES.includes(asked) ? asked : 'medium') as HeadingSize;
    return <Heading size={size}>{doc.children.map(draw)}</Heading>;
  },
  Lozenge: ({ doc, draw }) => (
    <Lozenge appearance={text(doc.props.appearance) as LozengeAppearance} isBold={bool(doc.props.isBold)}>
      {doc.children.map(draw)}
    </Lozenge>
  ),
  SectionMessage: ({ doc, draw }) => (
    <SectionMessage appearance={text(doc.props.appearance) as SectionAppearance} title={text(doc.props.title)}>
      {doc.children.map(draw)}
    </SectionMessage>
  ),
  Spinner: ({ doc }) => (
    <Spinner
      size={(text(doc.props.size) ?? 'medium') as ComponentProps<typeof Spinner>['size']}
      label={text(doc.props.label) ?? 'Loading'}
    />
  ),
  Link: ({ doc, draw }) => {
    const newTab = bool(doc.props.openNewTab) === true;
    return (
      <Link href={text(doc.props.href) ?? '#'} {...(newTab ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
        {doc.children.map(draw)}
      </Link>
    );
  },
};
