import React from 'react';
import ForgeReconciler, { Text } from '@forge/react';

const SettingsPage = () => <Text>Bitrix24 Sync settings are coming in the next release.</Text>;

ForgeReconciler.render(
  <React.StrictMode>
    <SettingsPage />
  </React.StrictMode>,
);
