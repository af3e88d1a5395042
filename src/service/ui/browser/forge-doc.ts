/** The tree @forge/react's reconciler hands to the bridge on every commit (`callBridge('reconcile', { forgeDoc })`). */
export interface ForgeDoc {
  type: string;
  props: Record<string, unknown>;
  children: ForgeDoc[];
  key: string;
}

export type Props = Record<string, unknown>;

export const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

export const bool = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);

/** A callback prop of the app (the reconciler keeps functions as they are; the bridge here is same-window). */
export function callback(value: unknown): ((...args: unknown[]) => unknown) | undefined {
  return typeof value === 'function' ? (value as (...args: unknown[]) => unknown) : undefined;
}

/** The children of a node whose type is `type` (e.g. the `head` ContentWrapper of a DynamicTable). */
export const childrenOf = (doc: ForgeDoc, type: string, name?: string): ForgeDoc[] =>
  doc.children.filter((c) => c.type === type && (name === undefined || c.props.name === name));

/**
 * A React element passed as a prop (e.g. DynamicTable's `emptyView`) never went through the reconciler; turn a
 * UI Kit element of it (string type, text or element children) into a ForgeDoc so it is drawn like the rest.
 */
export function elementToDoc(value: unknown, key = 'prop'): ForgeDoc | undefined {
  if (typeof value === 'string' || typeof value === 'number')
    return { type: 'String', props: { text: String(value) }, children: [], key };
  if (typeof value !== 'object' || value === null || !('type' in value) || !('props' in value)) return undefined;
  const element = value as { type: unknown; props: Props };
  if (typeof element.type !== 'string') return undefined;
  const { children, ...props } = element.props;
  const kids = (Array.isArray(children) ? children : [children])
    .map((c, i) => elementToDoc(c, `${key}-${i}`))
    .filter((c): c is ForgeDoc => c !== undefined);
  return { type: element.type, props, children: kids, key };
}
