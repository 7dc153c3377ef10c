/** What containers do: images (catalog, references, pulls), processes, resource usage. */
export * from './images';
export { startProcess, containerArgv, type ProcessEffect, type ExitResult, type ProcessOptions, type EnvInput } from './process';
export { usageOf, exceedsMemoryLimit, type Usage } from './usage';
export { NET_TOOLS } from './netTools';
