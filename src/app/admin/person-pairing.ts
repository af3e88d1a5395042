/**
 * What a person's link or unlink in the issue panel leaves behind besides the link itself. An unlink is remembered
 * on both sides and takes the markers off both (the issue property, the task's XML_ID), so no later edit, event,
 * reconciliation or migration pairs the two again; a re-link is an unlink here and a link there, each journalled on
 * its own pair. A marker that cannot be removed is named in the journal: the remembered unlink holds regardless.
 */
import { errorMessage, isPermanent } from '../../core/errors';
import type { AppDeps } from '../deps';
import { ISSUE_PROPERTY, parseMarker } from '../sync/marker-seal';
import { note, sentencesOf, type JournalNote } from '../store/journal-notes';
import { type PairLink } from '../store/links';
import { storesOf } from '../store/stores';

/** Removes the app's markers naming this pair; returns a note for each one that could not be removed. */
async function removeMarkers(deps: AppDeps, link: PairLink): Promise<JournalNote[]> {
  const left: JournalNote[] = [];
  try {
    // Only a marker naming this task is the pair's: another one is not this unlink's to remove.
    if (parseMarker(await deps.jira.getIssueProperty(link.issueId, ISSUE_PROPERTY))?.taskId === link.taskId) {
      await deps.jira.deleteIssueProperty(link.issueId, ISSUE_PROPERTY);
    }
  } catch (error) {
    if (!isPermanent(error, 'not-found'))
      left.push(
        note(
          'pair.markerLeft',
          { side: 'jira', detail: errorMessage(error) },
          `The marker on the Jira side could not be removed (${errorMessage(error)}); the unlink holds all the same.`,
        ),
      );
  }
  try {
    const task = await deps.b24.getTask(link.taskId);
    // Bitrix24 takes an empty XML_ID as clearing it; its update event finds the task unlinked and costs nothing more.
    if (task?.xmlId === link.issueId) await deps.b24.updateTask(link.taskId, { XML_ID: '' });
  } catch (error) {
    if (!isPermanent(error, 'not-found'))
      left.push(
        note(
          'pair.markerLeft',
          { side: 'b24', detail: errorMessage(error) },
          `The marker on the Bitrix24 side could not be removed (${errorMessage(error)}); the unlink holds all the same.`,
        ),
      );
  }
  return left;
}

async function journal(
  deps: AppDeps,
  link: PairLink,
  operation: 'link' | 'unlink',
  notes: JournalNote[],
): Promise<void> {
  await storesOf(deps).journal.record({
    at: deps.clock.now(),
    projectKey: link.projectKey,
    direction: 'none',
    operation,
    taskId: link.taskId,
    issueId: link.issueId,
    issueKey: link.issueKey,
    fields: [],
    outcome: notes.length > 1 ? 'warning' : 'synced',
    message: sentencesOf(notes),
    notes,
  });
}

export async function unlinkPair(deps: AppDeps, link: PairLink): Promise<void> {
  const links = storesOf(deps).links;
  // Remembered before the link goes, so an event arriving in between finds it held apart rather than unpaired.
  await links.markUnlinked(link);
  await links.remove(link);
  const left = await removeMarkers(deps, link);
  const names = { task: link.taskId, issue: link.issueKey };
  await journal(deps, link, 'unlink', [
    note(
      'pair.unlinkedByPerson',
      names,
      `Issue ${link.issueKey} and task ${link.taskId} were unlinked in the issue panel; neither is paired again unless someone links it.`,
    ),
    ...left,
  ]);
}

/** After a person's link is saved: their choice replaces any earlier unlink of either entity. */
export async function linkedByPerson(deps: AppDeps, link: PairLink): Promise<void> {
  const links = storesOf(deps).links;
  await links.forgetUnlinked('b24', link.taskId);
  await links.forgetUnlinked('jira', link.issueId);
  await journal(deps, link, 'link', [
    note(
      'pair.linkedByPerson',
      { task: link.taskId, issue: link.issueKey },
      `Issue ${link.issueKey} was linked to task ${link.taskId} in the issue panel.`,
    ),
  ]);
}
