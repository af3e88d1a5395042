/** The shape every component drawing has: drawn from its ForgeDoc node, with `draw` for its children. */
import type { ReactNode } from 'react';
import type { ForgeDoc } from './forge-doc';

export type Draw = (doc: ForgeDoc) => ReactNode;
export type Drawing = (props: { doc: ForgeDoc; draw: Draw }) => ReactNode;
