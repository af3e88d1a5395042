/**
 * `@forge/kvs` under jest and the sandbox: the SDK's own client (KvsImpl over StorageApi) with its transport
 * pointed at the active local runtime's KVS service instead of `global.__forge_fetch__`.
 */
import { KvsImpl } from '@forge/kvs/out/kvs';
import { StorageApi } from '@forge/kvs/out/storage-api';
import { currentHost } from '../context';

type ApiClient = ConstructorParameters<typeof StorageApi>[0];

// The SDK types its transport as @forge/api's FetchMethod; the local service answers with a WHATWG Response.
const transport = ((path: string, init?: { body?: unknown }) => currentHost().kvsClient(path, init)) as unknown as ApiClient;

export const kvs = new KvsImpl(new StorageApi(transport));
export default kvs;

export { WhereConditions, FilterConditions } from '@forge/kvs/out/conditions';
export { FilterBuilder as Filter } from '@forge/kvs/out/entity-query';
export { ForgeKvsError, ForgeKvsAPIError } from '@forge/kvs/out/errors';
export { MetadataField, Sort } from '@forge/kvs/out/interfaces/types';
export type * from '@forge/kvs/out/interfaces/types';
