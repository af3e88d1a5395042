/** What every mapping function needs besides the entity: the config, the people, and B24 list-field labels. */
import type { SyncConfig } from '../config';
import type { EnumLabels } from './custom-fields';
import type { UserMap } from './users';

export interface MappingContext {
  config: SyncConfig;
  users: UserMap;
  /** B24 user id → display name, for naming people (tasks carry only ids). Missing names fall back to the id. */
  b24UserNames?: Record<string, string>;
  /** Per UF_* enumeration field: item id → label. */
  enumLabels?: Record<string, EnumLabels>;
  /** How descriptions are written to B24: BBCode on current portals, HTML on old ones. Default 'bbcode'. */
  b24DescriptionFormat?: 'bbcode' | 'html';
}
