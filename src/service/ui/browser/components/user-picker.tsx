/**
 * UI Kit's UserPicker drawn with @atlaskit/select over the emulated Jira user search, as the page's person (the
 * same search Jira's own picker makes). onChange receives what Forge documents: { id, type, name, avatarUrl, email }.
 */
import { Label } from '@atlaskit/form';
import { AsyncSelect } from '@atlaskit/select';
import { useEffect, useState } from 'react';
import { bool, callback, text, type ForgeDoc } from '../forge-doc';

interface JiraUser {
  accountId: string;
  displayName: string;
  emailAddress?: string;
  avatarUrls?: Record<string, string>;
}

type Option = { label: string; value: string; user: JiraUser };

let authorization = '';

/** The page's person, whose Jira rights the search runs with. */
export function searchUsersAs(email: string): void {
  authorization = `Basic ${btoa(`${email}:sandbox-token`)}`;
}

async function jira(path: string): Promise<unknown> {
  const response = await fetch(`/jira${path}`, { headers: { authorization, accept: 'application/json' } });
  return response.ok ? ((await response.json()) as unknown) : undefined;
}

const toOption = (user: JiraUser): Option => ({ label: user.displayName, value: user.accountId, user });

async function search(query: string): Promise<Option[]> {
  const found = await jira(`/rest/api/3/user/search?query=${encodeURIComponent(query)}&maxResults=20`);
  return Array.isArray(found) ? (found as JiraUser[]).map(toOption) : [];
}

const forgeUser = ({ user }: Option) => ({
  id: user.accountId,
  type: 'user',
  name: user.displayName,
  avatarUrl: user.avatarUrls?.['48x48'] ?? '',
  ...(user.emailAddress ? { email: user.emailAddress } : {}),
});

let pickerCount = 0;

export function UserPicker({ doc }: { doc: ForgeDoc }) {
  const p = doc.props;
  const [inputId] = useState(() => `sandbox-user-picker-${++pickerCount}`);
  const [initial, setInitial] = useState<Option | null | undefined>(undefined);
  const defaultId = text(p.defaultValue);
  useEffect(() => {
    if (!defaultId) return setInitial(null);
    void jira(`/rest/api/3/user?accountId=${encodeURIComponent(defaultId)}`).then((u) =>
      setInitial(u ? toOption(u as JiraUser) : null),
    );
  }, [defaultId]);
  const label = text(p.label);
  return (
    <div>
      {label ? <Label htmlFor={inputId}>{label}</Label> : null}
      {initial === undefined ? null : (
        <AsyncSelect<Option, boolean>
          inputId={inputId}
          name={text(p.name)}
          placeholder={text(p.placeholder)}
          defaultOptions
          cacheOptions
          loadOptions={search}
          defaultValue={initial}
          isMulti={bool(p.isMulti)}
          isDisabled={bool(p.isDisabled)}
          menuPortalTarget={document.body}
          onChange={(value) => {
            const chosen = Array.isArray(value)
              ? (value as Option[]).map(forgeUser)
              : value
                ? forgeUser(value as Option)
                : null;
            void callback(p.onChange)?.(chosen);
          }}
        />
      )}
      {text(p.description) ? <small>{text(p.description)}</small> : null}
    </div>
  );
}
