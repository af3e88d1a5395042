/**
 * The service's own `@forge/react`, for the admin page's bundle (why: see ./bridge.ts). It offers what src/frontend
 * imports: the reconciler, the i18n provider and hook, DynamicTable, and the other components as host elements
 * named as UI Kit names them, so each reaches the renderer with its props as written. A page importing anything
 * else fails the service's build by name rather than drawing nothing.
 */
import { ForgeReconciler } from './reconciler';

export default ForgeReconciler;
export { DynamicTable } from './dynamic-table';
export { I18nProvider, useTranslation } from './i18n';

/** The type of a host element: UI Kit's own component types describe the props; the shim passes them on unread. */
type Host = (props: Record<string, unknown>) => null;
const host = (name: string): Host => name as unknown as Host;

export const BarChart = host('BarChart');
export const Box = host('Box');
export const Button = host('Button');
export const Em = host('Em');
export const ErrorMessage = host('ErrorMessage');
export const Heading = host('Heading');
export const HelperMessage = host('HelperMessage');
export const Inline = host('Inline');
export const Label = host('Label');
export const Link = host('Link');
export const Lozenge = host('Lozenge');
export const ProgressBar = host('ProgressBar');
export const SectionMessage = host('SectionMessage');
export const Select = host('Select');
export const Spinner = host('Spinner');
export const Stack = host('Stack');
export const Strong = host('Strong');
export const Tab = host('Tab');
export const TabList = host('TabList');
export const TabPanel = host('TabPanel');
export const Tabs = host('Tabs');
export const Text = host('Text');
export const Textfield = host('Textfield');
export const Toggle = host('Toggle');
export const UserPicker = host('UserPicker');
