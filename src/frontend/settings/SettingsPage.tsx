/** The project settings page: one tab per job; the connection tab is editable by Jira administrators only. */
import { Tab, TabList, TabPanel, Tabs } from '@forge/react';
import { useText } from '../shared/text';
import { ActivityTab } from './ActivityTab';
import { ConnectionTab } from './ConnectionTab';
import { MappingTab } from './MappingTab';
import { MigrationTab } from './MigrationTab';
import { PeopleTab } from './PeopleTab';

export function SettingsPage() {
  const t = useText();
  return (
    <Tabs id="b24-settings">
      <TabList>
        <Tab>{t('tabs.connection')}</Tab>
        <Tab>{t('tabs.mapping')}</Tab>
        <Tab>{t('tabs.people')}</Tab>
        <Tab>{t('tabs.activity')}</Tab>
        <Tab>{t('tabs.migration')}</Tab>
      </TabList>
      <TabPanel>
        <ConnectionTab />
      </TabPanel>
      <TabPanel>
        <MappingTab />
      </TabPanel>
      <TabPanel>
        <PeopleTab />
      </TabPanel>
      <TabPanel>
        <ActivityTab />
      </TabPanel>
      <TabPanel>
        <MigrationTab />
      </TabPanel>
    </Tabs>
  );
}
