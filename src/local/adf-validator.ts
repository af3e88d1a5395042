/**
 * The official ADF JSON schema (@atlaskit/adf-schema, draft-04) compiled once. The Jira emulator refuses what
 * Jira would refuse with it, and tests run every produced document through it.
 */
import Ajv from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';
import schema from '@atlaskit/adf-schema/dist/json-schema/v1/full.json';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= new Ajv({ strict: false, allErrors: false }).compile(schema);
  return compiled;
}

/** Problems with `doc` as readable lines; an empty list means the document is valid ADF. */
export function validateAdf(doc: unknown): string[] {
  const validate = validator();
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}
