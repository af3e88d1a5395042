/** The journal's words for an edit of a shortened copy that was not written, each saying what to do instead. */
import type { ShortenedRefusal } from '../../core/sync/shortened';
import { note, type JournalNote } from '../store/journal-notes';

const WHY: Record<ShortenedRefusal, (field: string) => string> = {
  noticeEdited: (field) =>
    `The ${field} in Jira is a shortened copy of the Bitrix24 text, and its closing notice was edited or removed, so where the copy ends is unknown: the edit was not written to Bitrix24. Put the notice back at the end and edit again, or make the edit in Bitrix24, which holds the whole text.`,
  copyStale: (field) =>
    `The ${field} in Jira is a shortened copy that no longer matches the Bitrix24 text it was cut from (it changed in Bitrix24 too): the edit was not written to Bitrix24. Make the edit in Bitrix24, which holds the whole text; Jira then gets a fresh shortened copy.`,
  cutInsideBlock: (field) =>
    `The ${field} in Jira is a shortened copy that ends inside the first paragraph of the Bitrix24 text, so the edit cannot be put back in its place: it was not written to Bitrix24. Make the edit in Bitrix24, which holds the whole text.`,
  titleEndEdited: (field) =>
    `The ${field} in Jira is a shortened copy of a longer Bitrix24 title, and its end was rewritten, so where the rest of the title belongs is unknown: the edit was not written to Bitrix24. Keep the end of the summary as it was, or rename the task in Bitrix24.`,
};

export function shortenedNote(refusal: { field: 'title' | 'description'; code: ShortenedRefusal }): JournalNote {
  return note(`shortened.${refusal.code}`, { field: refusal.field }, WHY[refusal.code](refusal.field));
}
