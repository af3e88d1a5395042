/** Seeded tasks: what a portal already holds before the app is connected (legacy HTML tasks among them). */
import type { B24SeedTask } from '../contracts';
import type { B24State, TaskRecord } from './state';

function record(state: B24State, id: number, seed: B24SeedTask): TaskRecord {
  const at = Date.parse(seed.createdAt);
  const createdBy = Number(seed.createdBy);
  return {
    id,
    title: seed.title,
    description: seed.description,
    descriptionInBbcode: seed.descriptionInBbcode,
    status: 2,
    priority: 1,
    responsibleId: Number(seed.responsibleId),
    createdBy,
    changedBy: createdBy,
    statusChangedBy: null,
    closedBy: null,
    groupId: Number(seed.groupId),
    parentId: null,
    deadline: null,
    startDatePlan: null,
    endDatePlan: null,
    createdDate: at,
    changedDate: at,
    statusChangedDate: at,
    closedDate: null,
    dateStart: null,
    xmlId: null,
    taskControl: 'N',
    accomplices: [],
    auditors: [],
    tags: [],
    uf: {},
    attachments: [],
    card: 'legacy',
    chatId: 0,
  };
}

export function seedTasks(state: B24State, tasks: B24SeedTask[]): void {
  for (const seed of tasks) {
    const id = state.nextId('task');
    state.tasks.set(id, record(state, id, seed));
  }
}
