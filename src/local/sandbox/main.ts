/**
 * `npm start`: the local sandbox — emulated Jira Cloud and Bitrix24 with the app running between them.
 * Its server lands with the local platform's issue; until then this says what it will do.
 */
console.log(
  [
    'The Bitrix24 Sync sandbox is not built yet.',
    'It will serve, on http://localhost:8787 (PORT overrides): a page with Bitrix24 tasks and Jira issues side by side,',
    'the emulated Jira REST under /jira, the emulated Bitrix24 REST under /b24/rest, the app\'s web triggers under',
    '/webtrigger, and /__sandbox/{info,settle,stats,faults,reset} for scripted use.',
  ].join('\n'),
);
