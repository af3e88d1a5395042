/**
 * Atlassian Document Format, as far as the core needs to type it. Node-specific attributes stay loose here:
 * the official ADF JSON schema (checked in tests and by the Jira emulator) is the authority on their shape.
 */
export interface AdfMark {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  marks?: AdfMark[];
  text?: string;
}

export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

export const emptyAdfDoc = (): AdfDoc => ({ type: 'doc', version: 1, content: [] });
