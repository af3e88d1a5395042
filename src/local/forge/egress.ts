/**
 * Forge's egress check for `fetch`: the manifest's `permissions.external.fetch.backend` decided by Atlassian's own
 * matcher (`@forge/egress` EgressFilteringService, what `@forge/api`'s `permissions.canFetchFrom` uses): exact hosts
 * and `*` globs, the scheme as written (`https:` when none), paths ignored for backend fetch.
 */
import { EgressFilteringService } from '@forge/egress';
import { ExternalEndpointNotAllowedError } from '@forge/api/out/api/errors';

export class EgressPolicy {
  private readonly filter: EgressFilteringService;

  constructor(addresses: readonly string[]) {
    this.filter = new EgressFilteringService([...addresses]);
  }

  allows(url: string): boolean {
    return this.filter.isValidUrl(url);
  }

  /** The parsed URL when allowed; otherwise the SDK's ExternalEndpointNotAllowedError. */
  check(url: string): URL {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new TypeError(`Invalid URL: ${url}`);
    }
    if (!this.allows(parsed.href)) throw new ExternalEndpointNotAllowedError(url);
    return parsed;
  }
}
