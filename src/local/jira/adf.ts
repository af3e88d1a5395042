/**
 * Atlassian Document Format as the emulated Jira stores it: the wire format of Jira's REST API v3, typed here
 * rather than borrowed from the app, so the emulator holds what Jira would and not what the app expects. What a
 * document may contain is decided by the official schema (src/local/adf-validator.ts), not by these types.
 */
interface AdfMark {
  type: string;
  attrs?: Record<string, unknown>;
}

interface AdfNode {
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
