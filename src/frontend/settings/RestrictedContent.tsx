/**
 * Restricted Jira content: whether comments restricted to a role or group, and issues under an issue
 * security level, are copied to Bitrix24, where every member of the workgroup reads them. Holding back is the default.
 */
import { Label, Select, Stack } from '@forge/react';
import { restrictedPolicy, type RestrictedPolicy, type SyncConfig } from '../../core/config';
import { useText } from '../shared/text';

interface Props {
  config: SyncConfig;
  onChange: (restricted: NonNullable<SyncConfig['restricted']>) => void;
}

export function RestrictedContent({ config, onChange }: Props) {
  const t = useText();
  const current = restrictedPolicy(config);
  const option = (p: RestrictedPolicy) => ({ label: t(`restricted.${p}`), value: p });
  return (
    <Stack space="space.100">
      <Label labelFor="restricted-comments">{t('restricted.comments')}</Label>
      <Select
        inputId="restricted-comments"
        options={(['hold-back', 'copy'] as const).map(option)}
        value={option(current.comments)}
        onChange={(o: { value: RestrictedPolicy }) => onChange({ ...current, comments: o.value })}
      />
      <Label labelFor="restricted-issues">{t('restricted.securedIssues')}</Label>
      <Select
        inputId="restricted-issues"
        options={(['hold-back', 'copy'] as const).map(option)}
        value={option(current.securedIssues)}
        onChange={(o: { value: RestrictedPolicy }) => onChange({ ...current, securedIssues: o.value })}
      />
    </Stack>
  );
}
