/** Files as people attach and see them on either side, through each service's own REST API. */
import { PEOPLE, type World } from './harness';

/** A Bitrix24 person adding a file under the task's Files: upload to Drive, then attach it to the task. */
export async function attachInB24(
  w: World,
  userId: string,
  taskId: string,
  filename: string,
  bytes: Uint8Array,
): Promise<string> {
  const base64 = Buffer.from(bytes).toString('base64');
  // Into the root folder of the person's own drive, as the Files dialog does.
  const [drive] = (await w.b24(userId, 'disk.storage.getlist', {
    filter: { ENTITY_TYPE: 'user', ENTITY_ID: userId },
  })) as { ROOT_OBJECT_ID: string }[];
  const uploaded = (await w.b24(userId, 'disk.folder.uploadfile', {
    id: drive?.ROOT_OBJECT_ID,
    data: { NAME: filename },
    fileContent: [filename, base64],
    generateUniqueName: true,
  })) as { ID: string };
  const attached = (await w.b24(userId, 'tasks.task.files.attach', { taskId, fileId: uploaded.ID })) as {
    attachmentId: number | string;
  };
  return String(attached.attachmentId);
}

/** Names of the files attached to a Bitrix24 task, as its Files list shows them. */
export async function taskFileNames(w: World, taskId: string): Promise<string[]> {
  const read = (await w.b24(PEOPLE.anna.b24, 'tasks.task.get', { taskId, select: ['ID', 'UF_TASK_WEBDAV_FILES'] })) as {
    task: { ufTaskWebdavFiles?: unknown };
  };
  const ids = Array.isArray(read.task.ufTaskWebdavFiles) ? read.task.ufTaskWebdavFiles.map(String) : [];
  const names: string[] = [];
  for (const id of ids)
    names.push(((await w.b24(PEOPLE.anna.b24, 'disk.attachedObject.get', { id })) as { NAME: string }).NAME);
  return names;
}

/** Names of an issue's attachments. */
export async function issueFileNames(w: World, issueId: string): Promise<string[]> {
  const issue = (await w.jira(PEOPLE.anna.email, 'GET', `/rest/api/3/issue/${issueId}?fields=attachment`)) as {
    fields: { attachment?: { filename: string }[] };
  };
  return (issue.fields.attachment ?? []).map((a) => a.filename);
}
