/** The project settings page's resolvers on Forge (the calls themselves in ./settings-definitions). */
import { forgeResolver } from './define';
import { SETTINGS_DEFINITIONS } from './settings-definitions';

export const settingsResolver = forgeResolver(SETTINGS_DEFINITIONS);
