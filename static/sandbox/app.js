// The sandbox page: plain browser JavaScript over the sandbox's own routes. People act through each side's REST
// API exactly as integrations would; the journal and last-sync state come from the app's own resolvers.
'use strict';

const B24_STATUS = { 1: 'New', 2: 'Pending', 3: 'In progress', 4: 'Awaiting control', 5: 'Completed', 6: 'Deferred', 7: 'Declined' };
const B24_ACTIONS = ['start', 'pause', 'complete', 'approve', 'defer', 'renew'];
const state = { info: null, busy: false };

const $ = (id) => document.getElementById(id);
const el = (tag, text, attrs) => {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  return node;
};

function say(message, ok) {
  const status = $('status');
  status.textContent = message;
  status.className = ok ? 'ok' : 'error';
}

async function call(url, options) {
  const response = await fetch(url, options);
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok || (body && body.error && !Array.isArray(body))) {
    const detail = body && (body.error_description || (body.errorMessages || []).join('; ') || JSON.stringify(body.errors || body.error));
    throw new Error(`${response.status} ${detail || response.statusText}`);
  }
  return body;
}

function b24User() {
  return state.info.b24.users.find((u) => u.id === $('b24-actor').value) || state.info.b24.users[0];
}
function jiraUser() {
  return state.info.jira.users.find((u) => u.accountId === $('jira-actor').value) || state.info.jira.users[0];
}

function b24(method, params) {
  const base = new URL(b24User().webhookUrl, location.origin).pathname.replace(/\/+$/, '');
  return call(`${base}/${method}.json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params || {}) });
}

function jira(path, method, body) {
  const user = jiraUser();
  return call(`/jira${path}`, {
    method: method || 'GET',
    headers: { 'content-type': 'application/json', authorization: `Basic ${btoa(`${user.email}:sandbox-token`)}`, 'x-atlassian-token': 'no-check' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const adf = (text) => ({ type: 'doc', version: 1, content: text ? [{ type: 'paragraph', content: [{ type: 'text', text }] }] : [] });

function fillSelect(select, options) {
  select.replaceChildren(...options.map(([value, label]) => el('option', label, { value })));
}

function b24Name(id) {
  const user = state.info.b24.users.find((u) => u.id === String(id));
  return user ? user.name : `#${id}`;
}

async function invoke(fn, callName, payload, extension) {
  const admin = state.info.jira.users.find((u) => (u.permissions || []).includes('ADMINISTER')) || state.info.jira.users[0];
  return call('/__sandbox/invoke', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ function: fn, call: callName, payload: payload || {}, accountId: admin.accountId, extension: extension || {} }),
  });
}

function actionButton(label, handler) {
  const button = el('button', label, { type: 'button' });
  button.addEventListener('click', () => handler().then(() => refresh()).catch((e) => say(e.message, false)));
  return button;
}

async function renderTasks() {
  const result = await b24('tasks.task.list', {
    filter: { GROUP_ID: state.info.b24.groupId }, order: { ID: 'desc' },
    select: ['ID', 'TITLE', 'STATUS', 'RESPONSIBLE_ID', 'DEADLINE'],
  });
  const rows = (result.result.tasks || []).map((task) => {
    const actions = el('td', null, { class: 'actions' });
    B24_ACTIONS.forEach((a) => actions.append(actionButton(a, () => b24(`tasks.task.${a}`, { taskId: task.id }))));
    const comment = el('input', null, { placeholder: 'comment', size: '12' });
    actions.append(comment, actionButton('comment', () => b24('task.commentitem.add', [task.id, { POST_MESSAGE: comment.value }])));
    const row = el('tr', null, { 'data-task-id': task.id });
    row.append(el('td', task.id), el('td', task.title), el('td', B24_STATUS[task.status] || task.status),
      el('td', b24Name(task.responsibleId)), el('td', task.deadline || ''), actions);
    return row;
  });
  $('b24-tasks').tBodies[0].replaceChildren(...rows);
}

async function lastSync(issue) {
  try {
    const status = await invoke('issue-resolver-fn', 'getLinkedTask', {}, { issue: { id: issue.id, key: issue.key }, project: { key: state.info.jira.projectKey } });
    const last = status && status.lastSync;
    return last ? `${new Date(last.at).toLocaleTimeString()} ${last.outcome}` : '—';
  } catch {
    return '—';
  }
}

/** The app's own pages (/ui/settings, /ui/issue/<KEY>) as the person and language chosen in the bar. */
function uiQuery() {
  return `as=${encodeURIComponent($('ui-person').value)}&locale=${encodeURIComponent($('ui-locale').value)}`;
}
function panelUrl(key) {
  return `/ui/issue/${encodeURIComponent(key)}?${uiQuery()}`;
}
function updateUiLinks() {
  $('ui-settings').href = `/ui/settings?project=${encodeURIComponent(state.info.jira.projectKey)}&${uiQuery()}`;
  document.querySelectorAll('a[data-panel-key]').forEach((a) => { a.href = panelUrl(a.dataset.panelKey); });
}

async function renderIssues() {
  const result = await jira('/rest/api/3/search/jql', 'POST', {
    jql: `project = ${state.info.jira.projectKey} ORDER BY created DESC`, fields: ['summary', 'status', 'assignee', 'duedate'], maxResults: 50,
  });
  const rows = await Promise.all((result.issues || []).map(async (issue) => {
    const transitions = el('select');
    transitions.append(el('option', 'move to…', { value: '' }));
    transitions.addEventListener('focus', () => {
      jira(`/rest/api/3/issue/${issue.id}/transitions`).then((t) => {
        transitions.replaceChildren(el('option', 'move to…', { value: '' }), ...t.transitions.map((x) => el('option', x.to.name, { value: x.id })));
      }).catch((e) => say(e.message, false));
    }, { once: true });
    transitions.addEventListener('change', () => {
      if (!transitions.value) return;
      jira(`/rest/api/3/issue/${issue.id}/transitions`, 'POST', { transition: { id: transitions.value } }).then(refresh).catch((e) => say(e.message, false));
    });
    const comment = el('input', null, { placeholder: 'comment', size: '12' });
    const actions = el('td', null, { class: 'actions' });
    actions.append(transitions, comment, actionButton('comment', () => jira(`/rest/api/3/issue/${issue.id}/comment`, 'POST', { body: adf(comment.value) })));
    const f = issue.fields || {};
    const row = el('tr', null, { 'data-issue-key': issue.key });
    const keyCell = el('td');
    keyCell.append(el('a', issue.key, { href: panelUrl(issue.key), 'data-panel-key': issue.key, title: `Issue panel of ${issue.key}` }));
    row.append(keyCell, el('td', f.summary), el('td', f.status ? f.status.name : ''),
      el('td', f.assignee ? f.assignee.displayName : 'Unassigned'), el('td', f.duedate || ''), el('td', await lastSync(issue)), actions);
    return row;
  }));
  $('jira-issues').tBodies[0].replaceChildren(...rows);
  const newest = (result.issues || [])[0];
  $('ui-issue').hidden = !newest;
  if (newest) {
    $('ui-issue').dataset.panelKey = newest.key;
    $('ui-issue').textContent = `Issue panel of ${newest.key}`;
  }
  updateUiLinks();
}

async function renderJournal() {
  let entries = [];
  try {
    const result = await invoke('settings-resolver-fn', 'getActivity', { limit: 50 }, { project: { key: state.info.jira.projectKey } });
    entries = (result && result.entries) || [];
  } catch {
    entries = [];
  }
  const rows = entries.map((e) => {
    const row = el('tr');
    row.append(el('td', new Date(e.at).toLocaleTimeString()), el('td', e.direction), el('td', e.entity),
      el('td', (e.fields || []).join(', ')), el('td', e.message ? `${e.outcome}: ${e.message}` : e.outcome));
    return row;
  });
  $('journal').tBodies[0].replaceChildren(...rows);
}

async function refresh() {
  if (state.busy) return;
  state.busy = true;
  try {
    await Promise.all([renderTasks(), renderIssues(), renderJournal()]);
  } catch (e) {
    say(e.message, false);
  } finally {
    state.busy = false;
  }
}

async function settle() {
  const report = await call('/__sandbox/settle', { method: 'POST' });
  return report;
}

function wireForms() {
  $('b24-create').addEventListener('submit', (event) => {
    event.preventDefault();
    const deadline = $('b24-create-deadline').value;
    b24('tasks.task.add', { fields: {
      TITLE: $('b24-create-title').value, DESCRIPTION: $('b24-create-description').value,
      RESPONSIBLE_ID: $('b24-create-responsible').value, GROUP_ID: state.info.b24.groupId,
      PRIORITY: $('b24-create-priority').value, ...(deadline ? { DEADLINE: `${deadline}T18:00:00` } : {}),
    } }).then((r) => { say(`Task ${r.result.task.id} created`, true); $('b24-create').reset(); return refresh(); })
      .catch((e) => say(e.message, false));
  });
  $('jira-create').addEventListener('submit', (event) => {
    event.preventDefault();
    const due = $('jira-create-due').value;
    const assignee = $('jira-create-assignee').value;
    jira('/rest/api/3/issue', 'POST', { fields: {
      project: { key: state.info.jira.projectKey }, issuetype: { name: 'Task' }, summary: $('jira-create-summary').value,
      description: adf($('jira-create-description').value), ...(assignee ? { assignee: { accountId: assignee } } : {}),
      ...(due ? { duedate: due } : {}),
    } }).then((r) => { say(`Issue ${r.key} created`, true); $('jira-create').reset(); return refresh(); })
      .catch((e) => say(e.message, false));
  });
  $('settle').addEventListener('click', () => settle().then((r) => { say(`settled: ${r.jobsRun} jobs`, true); return refresh(); }).catch((e) => say(e.message, false)));
  $('reset').addEventListener('click', () => call('/__sandbox/reset', { method: 'POST' }).then(refresh).catch((e) => say(e.message, false)));
}

async function start() {
  state.info = await call('/__sandbox/info');
  $('portal').textContent = state.info.b24.portal;
  $('site').textContent = state.info.jira.baseUrl;
  $('group').textContent = state.info.b24.groupId;
  $('project').textContent = state.info.jira.projectKey;
  const b24People = state.info.b24.users.map((u) => [u.id, `${u.name} <${u.email}>`]);
  fillSelect($('b24-actor'), b24People);
  fillSelect($('b24-create-responsible'), b24People);
  const jiraPeople = state.info.jira.users.map((u) => [u.accountId, `${u.displayName} <${u.email}>`]);
  fillSelect($('jira-actor'), jiraPeople);
  fillSelect($('jira-create-assignee'), [['', 'Unassigned'], ...jiraPeople]);
  // The site admin first: the app's pages open as them unless someone else is chosen.
  const admin = state.info.jira.users.find((u) => (u.permissions || []).includes('ADMINISTER')) || state.info.jira.users[0];
  fillSelect($('ui-person'), state.info.jira.users.map((u) => [u.email, `${u.displayName} <${u.email}>`]));
  $('ui-person').value = admin.email;
  $('ui-person').addEventListener('change', updateUiLinks);
  $('ui-locale').addEventListener('change', updateUiLinks);
  updateUiLinks();
  wireForms();
  await refresh();
  setInterval(() => {
    if (!$('auto-settle').checked || state.busy) return;
    settle().then((r) => (r.jobsRun + r.jiraEventsDelivered + r.b24EventsDelivered > 0 ? refresh() : undefined)).catch(() => undefined);
  }, 1500);
  setInterval(refresh, 5000);
}

start().catch((e) => say(`could not start: ${e.message}`, false));
