import React from 'react';
import ForgeReconciler, { I18nProvider } from '@forge/react';
import { IssuePanel } from './IssuePanel';

ForgeReconciler.render(
  <React.StrictMode>
    <I18nProvider>
      <IssuePanel />
    </I18nProvider>
  </React.StrictMode>,
);
