/**
 * A recorded Forge bridge for UI Kit component tests (reference: @forge/react's own out/__test__/testUtils.js).
 * @forge/bridge captures `callBridge` when it is first imported, so this module must be imported before any
 * component: it installs one dispatcher that records every render and answers `invoke` from the test's table.
 */
export interface ForgeNode {
  type: string;
  key?: string;
  props: Record<string, unknown>;
  children: ForgeNode[];
}

type Answer = (payload: Record<string, unknown>) => unknown;

const state: {
  docs: ForgeNode[];
  answers: Record<string, Answer>;
  invocations: { call: string; payload: Record<string, unknown> }[];
} = {
  docs: [],
  answers: {},
  invocations: [],
};

const g = globalThis as unknown as {
  __bridge: { callBridge: (cmd: string, data: unknown) => Promise<unknown> };
  self: unknown;
};
g.self = globalThis;
g.__bridge = {
  callBridge: (cmd, data) => {
    const d = data as { forgeDoc?: ForgeNode; functionKey?: string; payload?: Record<string, unknown> };
    if (cmd === 'reconcile' && d.forgeDoc) state.docs.push(d.forgeDoc);
    if (cmd === 'invoke' && d.functionKey) {
      const payload = d.payload ?? {};
      state.invocations.push({ call: d.functionKey, payload });
      const answer = state.answers[d.functionKey];
      return answer ? Promise.resolve(answer(payload)) : Promise.reject(new Error(`no answer for ${d.functionKey}`));
    }
    return Promise.resolve(undefined);
  },
};

export function answerInvokes(answers: Record<string, Answer>): typeof state.invocations {
  state.docs = [];
  state.answers = answers;
  state.invocations = [];
  return state.invocations;
}

export function lastDoc(): ForgeNode | undefined {
  return state.docs.at(-1);
}

export function findAll(node: ForgeNode | undefined, type: string): ForgeNode[] {
  if (!node) return [];
  return [...(node.type === type ? [node] : []), ...node.children.flatMap((c) => findAll(c, type))];
}

/** All visible text under a node (String nodes carry it in props.text). */
export function textOf(node: ForgeNode | undefined): string {
  if (!node) return '';
  const own = node.type === 'String' && typeof node.props.text === 'string' ? node.props.text : '';
  return [own, ...node.children.map(textOf)].filter((s) => s !== '').join(' ');
}

/** Lets effects, invokes and re-renders run until `ready` holds on the latest tree. */
export async function waitForDoc(ready: (doc: ForgeNode) => boolean, tries = 50): Promise<ForgeNode> {
  for (let i = 0; i < tries; i += 1) {
    const doc = lastDoc();
    if (doc && ready(doc)) return doc;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`the page never rendered as expected; last tree text: ${textOf(lastDoc())}`);
}
