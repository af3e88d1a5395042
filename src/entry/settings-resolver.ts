/** Backend of the project settings page (definitions in ./resolvers/settings). */
export { settingsResolver } from './resolvers/settings';
