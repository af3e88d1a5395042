/**
 * Packages a Forge app the way `forge deploy` does, offline, and writes what came out to a directory:
 *
 *   tsx test/support/forge-package/build.ts <appDir> <outDir>
 *
 * It wires the same classes @forge/cli 13.3.0 wires in `command-line/dependency-injection.js` and runs them in the
 * order of `deploy/package-upload-deploy.js`: i18n bundle (@forge/cli-shared), the functions through @forge/bundler's
 * Node bundler into the function archive (RuntimeBundler + AppPackager), each UI Kit resource through
 * NativeUIBundler, then ResourcePackagingService zips each resource and refuses an index.html without `<html>`.
 * Only the upload is left out. The runtime wrapper the CLI downloads comes from FORGE_RUNTIME_PATH (a stub in
 * test/support/forge-runtime-stub), and feature-flag look-ups throw, so nothing here can reach the network.
 *
 * Runs in its own process: webpack needs ~1 GB and @forge/cli-shared loads the ESM-only `archiver`.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import {
  BridgeScriptService,
  ConfigFile,
  FileSystemReader,
  FileSystemWriter,
  I18nResourceBundlingService,
  IframeResizerScriptService,
  ZipArchiver,
  shouldBundleResource,
  type Logger,
  type StatsigService,
} from '@forge/cli-shared';
import { NativeUIBundler, getNodeBundler, getWrapperProvider, type Bundler, type BundlerOutput } from '@forge/bundler';
import { RuntimeBundler } from '@forge/cli/out/deploy/packager/runtime-bundler';
import { AppPackager } from '@forge/cli/out/deploy/packager/packager';
import { ResourcePackagingService } from '@forge/cli/out/service/resource-packaging-service';
import { describeDirectory, type PackageReport } from './report';

const [appDirArg, outDirArg] = process.argv.slice(2);
if (!appDirArg || !outDirArg) throw new Error('usage: build.ts <appDir> <outDir>');
const appDir = path.resolve(appDirArg);
const outDir = path.resolve(outDirArg);
process.env.FORGE_RUNTIME_PATH = path.resolve(__dirname, '../forge-runtime-stub');

const logger: Logger = {
  traceEnabled: false,
  debugEnabled: false,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message) => console.warn(message),
  error: (error) => console.error(error),
};

/** Every feature-flag read would be a network call; packaging with the default config makes none. */
const offlineStatsig = new Proxy(
  {},
  {
    get: (_target, name) => () =>
      Promise.reject(new Error(`feature flag ${String(name)} read while packaging offline`)),
  },
) as StatsigService;

/** The Node bundler's output directory is not returned by the CLI's packager; keep it for the checks. */
function keepingOutput(bundler: Bundler, keep: (output: BundlerOutput) => void): Bundler {
  return {
    bundle: async (args) => {
      const output = await bundler.bundle(args);
      keep(output);
      return output;
    },
    watch: (args, watch) => bundler.watch(args, watch),
  };
}

async function main(): Promise<void> {
  process.chdir(appDir); // the CLI resolves manifest.yml, src/ and resource paths against the working directory
  const fileReader = new FileSystemReader();
  const configFile = new ConfigFile(fileReader, new FileSystemWriter());
  const archiverFactory = () => ZipArchiver.create(logger);
  const config = await configFile.readConfig();
  const handlers = await configFile.getAppHandlers();
  const resources = await configFile.getResources();

  let functionOutput: BundlerOutput | undefined;
  const nodeBundler = keepingOutput(
    getNodeBundler(
      logger,
      getWrapperProvider({ fileSystemReader: fileReader, statsigService: offlineStatsig }),
      configFile,
      offlineStatsig,
    ),
    (output) => {
      functionOutput = output;
    },
  );
  const packager = new AppPackager(
    new RuntimeBundler(archiverFactory, logger, nodeBundler, fileReader, configFile),
    new NativeUIBundler(logger),
    logger,
    { reportAppPackaged: () => Promise.resolve() } as never,
  );

  const i18nResourceBundle = await new I18nResourceBundlingService().bundle(config.modules, config.translations);
  const toBundle = resources.filter(shouldBundleResource);
  const prebundled = resources.filter((r) => !shouldBundleResource(r));
  const packaged = await packager.package({
    handlers,
    resources: toBundle,
    allResources: resources,
    packageConfig: config.app?.package,
    i18nResourceBundle,
    i18nConfig: config.translations,
  });
  const archives = await new ResourcePackagingService(
    archiverFactory,
    fileReader,
    process.cwd(),
    new BridgeScriptService(),
    new IframeResizerScriptService(),
  ).zipResources([...prebundled, ...packaged.nativeUiBundlesDetails], i18nResourceBundle);

  if (!functionOutput) throw new Error('the Node bundler produced no output');
  fs.mkdirSync(outDir, { recursive: true });
  fs.cpSync(functionOutput.outputDir, path.join(outDir, 'function'), { recursive: true });
  fs.copyFileSync(packaged.runtimeArchivePath, path.join(outDir, 'function.zip'));
  // What Node sees when the platform loads the bundle (it is CommonJS).
  const bundleExports = Object.keys(createRequire(__filename)(path.join(outDir, 'function', 'index.cjs')) as object);
  const report: PackageReport = {
    function: {
      archiveBytes: fs.statSync(packaged.runtimeArchivePath).size,
      ...describeDirectory(functionOutput.outputDir),
      exports: bundleExports.sort(),
    },
    resources: {},
  };
  for (const bundle of packaged.nativeUiBundlesDetails) {
    const archive = archives[bundle.key];
    if (!archive) throw new Error(`no archive for resource ${bundle.key}`);
    fs.cpSync(bundle.path, path.join(outDir, 'resources', bundle.key), { recursive: true });
    fs.copyFileSync(archive.zipPath, path.join(outDir, 'resources', `${bundle.key}.zip`));
    report.resources[bundle.key] = {
      archiveBytes: fs.statSync(archive.zipPath).size,
      ...describeDirectory(bundle.path),
    };
  }
  fs.writeFileSync(path.join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
