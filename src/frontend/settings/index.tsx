import React from 'react';
import ForgeReconciler, { I18nProvider } from '@forge/react';
import { SettingsPage } from './SettingsPage';

ForgeReconciler.render(
  <React.StrictMode>
    <I18nProvider>
      <SettingsPage />
    </I18nProvider>
  </React.StrictMode>,
);
