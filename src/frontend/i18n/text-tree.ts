/** The shape of a translations file: nested groups of strings. */
export type TextTree = { [key: string]: string | TextTree };
