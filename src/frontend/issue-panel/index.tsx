import React from 'react';
import ForgeReconciler, { Text } from '@forge/react';

const IssuePanel = () => <Text>The linked Bitrix24 task will appear here.</Text>;

ForgeReconciler.render(
  <React.StrictMode>
    <IssuePanel />
  </React.StrictMode>,
);
