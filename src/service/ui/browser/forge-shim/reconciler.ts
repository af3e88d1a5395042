/**
 * The service's own UI Kit reconciler: React (react-reconciler, MIT) renders the app into the tree UI Kit calls a
 * ForgeDoc, `{ type, props, children, key }` with text as `String` nodes, and after every commit hands the whole
 * root to the bridge as `reconcile({ forgeDoc })`, as @forge/react does, so the renderer draws either alike.
 */
import type { ReactNode } from 'react';
import Reconciler from 'react-reconciler';
import { DefaultEventPriority } from 'react-reconciler/constants';
import type { ForgeDoc, Props } from '../forge-doc';
import { callBridge } from './bridge';

let created = 0;
/** A key per node for the renderer's React lists; a counter suffices, no two nodes of one page share it. */
const nextKey = (): string => `fd${(++created).toString(36)}`;

/** UI Kit prefixes these ids with the app's own, so they never meet an id of the page around the app. */
const ID_PROPS = ['id', 'labelFor', 'inputId'] as const;
const ID_PREFIX = `forge-app-${Math.random().toString(36).slice(2, 7)}`;

/** Children are the tree's own; a React element kept in props would also make the doc cyclic. */
export function normaliseProps(props: Props): Props {
  const { children: _children, ...rest } = props;
  for (const name of ID_PROPS)
    if (typeof rest[name] === 'string' && rest[name]) rest[name] = `${ID_PREFIX}-${rest[name]}`;
  return rest;
}

export const createNode = (type: string, props: Props): ForgeDoc => ({
  type,
  props: normaliseProps(props),
  children: [],
  key: nextKey(),
});

function remove(parent: ForgeDoc, child: ForgeDoc): void {
  const at = parent.children.indexOf(child);
  if (at >= 0) parent.children.splice(at, 1);
}

function append(parent: ForgeDoc, child: ForgeDoc): void {
  remove(parent, child);
  parent.children.push(child);
}

function insertBefore(parent: ForgeDoc, child: ForgeDoc, before: ForgeDoc): void {
  remove(parent, child);
  const at = parent.children.indexOf(before);
  parent.children.splice(at < 0 ? parent.children.length : at, 0, child);
}

const noop = (): void => undefined;

const reconciler = Reconciler({
  supportsMutation: true,
  supportsPersistence: false,
  supportsHydration: false,
  isPrimaryRenderer: false,
  noTimeout: -1,
  scheduleTimeout: (fn: (...args: unknown[]) => unknown, delay?: number) => setTimeout(fn, delay),
  cancelTimeout: (id: ReturnType<typeof setTimeout>) => clearTimeout(id),
  getCurrentEventPriority: () => DefaultEventPriority,
  getRootHostContext: () => ({}),
  getChildHostContext: (parent: object) => parent,
  getPublicInstance: (instance: ForgeDoc) => instance,
  createInstance: (type: string, props: Props) => createNode(type, props),
  createTextInstance: (text: string) => createNode('String', { text }),
  appendInitialChild: append,
  appendChild: append,
  appendChildToContainer: append,
  insertBefore,
  insertInContainerBefore: insertBefore,
  removeChild: remove,
  removeChildFromContainer: remove,
  finalizeInitialChildren: () => false,
  shouldSetTextContent: () => false,
  prepareUpdate: (_instance: ForgeDoc, _type: string, _old: Props, next: Props) => normaliseProps(next),
  commitUpdate: (instance: ForgeDoc, payload: Props) => {
    instance.props = payload;
  },
  commitTextUpdate: (instance: ForgeDoc, _old: string, text: string) => {
    instance.props.text = text;
  },
  prepareForCommit: () => null,
  resetAfterCommit: (root: ForgeDoc) => void callBridge('reconcile', { forgeDoc: root }),
  clearContainer: (root: ForgeDoc) => {
    root.children.splice(0);
  },
  preparePortalMount: noop,
  resetTextContent: noop,
  commitMount: noop,
  hideInstance: noop,
  hideTextInstance: noop,
  unhideInstance: noop,
  unhideTextInstance: noop,
  detachDeletedInstance: noop,
  getInstanceFromNode: () => null,
  beforeActiveInstanceBlur: noop,
  afterActiveInstanceBlur: noop,
  prepareScopeUpdate: noop,
  getInstanceFromScope: () => null,
});

function reportError(error: unknown): void {
  callBridge('onError', { error }).catch((failed: unknown) => console.error('the bridge took no error', failed));
}

/** `ForgeReconciler.render(<App />)`: the app's one root, named `Root` as UI Kit names it. */
export const ForgeReconciler = {
  render(element: ReactNode): void {
    const root = createNode('Root', {});
    // A recoverable error is React's own retry, not the app's end: logged, as UI Kit does.
    const container: unknown = reconciler.createContainer(root, 0, null, false, null, 'root', console.error, null);
    try {
      reconciler.updateContainer(element, container, null, null);
    } catch (error) {
      reportError(error);
      throw error;
    }
  },
};
