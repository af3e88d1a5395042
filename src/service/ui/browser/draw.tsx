/**
 * ForgeDoc → React: each UI Kit component type drawn with the Atlaskit component Jira uses for it; a type with no
 * drawing yet is shown as a named placeholder, never dropped.
 */
import { FORMS } from './components/forms';
import { LAYOUT } from './components/layout';
import { TABLES } from './components/tables';
import type { Draw, Drawing } from './drawing';
import type { ForgeDoc } from './forge-doc';

export type { Draw, Drawing } from './drawing';

const DRAWINGS: Record<string, Drawing> = { ...LAYOUT, ...FORMS, ...TABLES };

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
