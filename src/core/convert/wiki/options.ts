/**
 * What the caller tells the wiki converters about people and files. The converters never guess either: a user
 * name or file the caller does not resolve stays readable text.
 */

/** A Jira Cloud person an ADF mention points at. */
export interface AdfPerson {
  readonly id: string;
  /** The name shown, e.g. "@Maria Johnson". */
  readonly text?: string;
}

/** What a wiki attachment (`!file.png!`, `[^file.pdf]`) is on the Jira Cloud side. */
export type WikiAttachmentTarget =
  | { readonly type: 'file'; readonly id: string; readonly collection: string }
  | { readonly type: 'link'; readonly url: string };

export interface WikiToAdfOptions {
  /** `[~jsmith]` → the person it stands for; undefined leaves the text `@jsmith`. */
  readonly mention?: (userName: string) => AdfPerson | undefined;
  /** An attachment's file name → its media file or an address; undefined leaves the text `📎 file.png`. */
  readonly attachment?: (fileName: string) => WikiAttachmentTarget | undefined;
}

/** An ADF media node's identity, as far as it has one. */
export interface AdfMediaRef {
  readonly id?: string;
  readonly collection?: string;
  readonly alt?: string;
}

export interface AdfToWikiOptions {
  /** A mention → the wiki user name to write as `[~name]`; undefined writes the person's name as text. */
  readonly mention?: (person: AdfPerson) => string | undefined;
  /** A file media node → the attachment's file name on the wiki side; undefined writes `📎 name` as text. */
  readonly attachment?: (media: AdfMediaRef) => string | undefined;
}
