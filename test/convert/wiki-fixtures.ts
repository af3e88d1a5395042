/**
 * The wiki golden cases (test/fixtures/convert-wiki/<case>/input.wiki) and the people and files the tests
 * pretend the sync knows: a Data Center user name ⇄ a Jira Cloud account, an attachment name ⇄ a media file.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import type { AdfToWikiOptions, WikiToAdfOptions } from '../../src/core/convert';

export const WIKI_FIXTURES = join(__dirname, '..', 'fixtures', 'convert-wiki');

const PEOPLE: Readonly<Record<string, { id: string; text: string }>> = {
  jsmith: { id: '5b10a2844c20165700ede21g', text: '@John Smith' },
};
const FILES: Readonly<Record<string, string>> = {
  'report.pdf': '6e7c7f2c-1f2b-4f7a-9a4e-6a1c2b3d4e5f',
  'screenshot.png': '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
};
export const MEDIA_COLLECTION = 'jira-10001-attachments';

export const wikiIn: WikiToAdfOptions = {
  mention: (name) => PEOPLE[name],
  attachment: (file) => {
    const id = FILES[file];
    return id ? { type: 'file', id, collection: MEDIA_COLLECTION } : undefined;
  },
};

export const wikiOut: AdfToWikiOptions = {
  mention: (person) => Object.entries(PEOPLE).find(([, p]) => p.id === person.id)?.[0],
  attachment: (media) => Object.entries(FILES).find(([, id]) => id === media.id)?.[0],
};

export interface WikiCase {
  readonly name: string;
  readonly dir: string;
  readonly wiki: string;
}

export function wikiCases(): WikiCase[] {
  return readdirSync(WIKI_FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({
      name: d.name,
      dir: join(WIKI_FIXTURES, d.name),
      wiki: readFileSync(join(WIKI_FIXTURES, d.name, 'input.wiki'), 'utf8'),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
