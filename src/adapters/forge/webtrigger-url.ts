/**
 * The public URL of a web trigger module, shown on the admin page for pasting into Bitrix24 (event.bind handler
 * or an outgoing webhook).
 */
import { webTrigger } from '@forge/api';

export type WebTriggerUrlSource = (moduleKey: string) => Promise<string>;

export const getWebTriggerUrl = (
  moduleKey: string,
  source: WebTriggerUrlSource = (key) => webTrigger.getUrl(key),
): Promise<string> => source(moduleKey);
