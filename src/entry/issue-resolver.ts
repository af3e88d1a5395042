/** Backend of the issue panel (definitions in ./resolvers/issue). */
export { issueResolver } from './resolvers/issue';
