/**
 * ForgeDoc → React: each UI Kit component type drawn with the Atlaskit component Jira uses for it; a type with no
 * drawing yet is shown as a named placeholder, never dropped.
 */
import type { ReactNode } from 'react';
import { FORMS } from './components/forms';
import { LAYOUT } from './components/layout';
import { TABLES } from './components/tables';
import type { ForgeDoc } from './forge-doc';

export type Draw = (doc: ForgeDoc) => ReactNode;
export type Drawing = (props: { doc: ForgeDoc; draw: Draw }) => ReactNode;

const DRAWINGS: Record<string, Drawing> = { ...LAYOUT, ...FORMS, ...TABLES };

/** Every UI Kit type the sandbox draws (the README lists the rest as placeholders). */
export const DRAWN_TYPES = Object.keys(DRAWINGS);

function Unmapped({ doc }: { doc: ForgeDoc }) {
  const title = typeof doc.props.title === 'string' ? ` “${doc.props.title}”` : '';
  return (
    <div className="forge-unmapped" role="note" data-forge-type={doc.type}>
      {`UI Kit component ${doc.type}${title} is not drawn by the sandbox yet.`}
    </div>
  );
}

export const draw: Draw = (doc) => {
  const Drawing = DRAWINGS[doc.type];
  return Drawing ? <Drawing key={doc.key} doc={doc} draw={draw} /> : <Unmapped key={doc.key} doc={doc} />;
};

export const drawChildren = (doc: ForgeDoc): ReactNode[] => doc.children.map(draw);
