#!/usr/bin/env node
// The `pilothouse` command: runs the TypeScript sources through tsx so that `npx pilothouse`
// works right after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/node/main.ts');
process.exitCode = await main(process.argv.slice(2));
