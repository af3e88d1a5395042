/**
 * The default workflow of the emulated site: To Do, In Progress, In Review, QA Testing, On Hold, Done.
 * No direct To Do → Done, and On Hold is reachable only from In Progress and leads only back to it, so a sync that
 * needs several hops has to walk them through legal transitions as it would on a real site.
 */
import type { JiraWorkflow } from '../contracts';

export const STATUS = {
  toDo: '10000',
  inProgress: '3',
  inReview: '10002',
  qaTesting: '10003',
  onHold: '10004',
  done: '10001',
} as const;

export const defaultWorkflow: JiraWorkflow = {
  initialStatusId: STATUS.toDo,
  statuses: [
    { id: STATUS.toDo, name: 'To Do', category: 'new' },
    { id: STATUS.inProgress, name: 'In Progress', category: 'indeterminate' },
    { id: STATUS.inReview, name: 'In Review', category: 'indeterminate' },
    { id: STATUS.qaTesting, name: 'QA Testing', category: 'indeterminate' },
    { id: STATUS.onHold, name: 'On Hold', category: 'indeterminate' },
    { id: STATUS.done, name: 'Done', category: 'done' },
  ],
  transitions: [
    { id: '11', name: 'Start Progress', from: [STATUS.toDo], to: STATUS.inProgress },
    { id: '21', name: 'Stop Progress', from: [STATUS.inProgress], to: STATUS.toDo },
    { id: '31', name: 'Submit for Review', from: [STATUS.inProgress], to: STATUS.inReview },
    { id: '41', name: 'Request Changes', from: [STATUS.inReview, STATUS.qaTesting], to: STATUS.inProgress },
    { id: '51', name: 'Send to QA', from: [STATUS.inReview], to: STATUS.qaTesting },
    { id: '61', name: 'Done', from: [STATUS.inProgress, STATUS.inReview, STATUS.qaTesting], to: STATUS.done },
    { id: '71', name: 'Put On Hold', from: [STATUS.inProgress], to: STATUS.onHold },
    { id: '81', name: 'Resume', from: [STATUS.onHold], to: STATUS.inProgress },
    { id: '91', name: 'Reopen', from: [STATUS.done], to: STATUS.toDo },
  ],
};

/** Real Jira status-category ids and colours (1 undefined, 2 new, 4 indeterminate, 3 done). */
export const STATUS_CATEGORIES = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
} as const;
