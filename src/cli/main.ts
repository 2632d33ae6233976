/**
 * The `dtks` entry point (`bin/dtks.js`, `node src/cli/main.ts`). It turns on Node's compile cache before the
 * commands are loaded, so a second run of any command reuses the compiled code of its ~1,300 modules (the
 * TypeScript sources' stripped form included) instead of parsing and compiling them again: about a third of
 * the start-up of every command (bench/cli-startup.ts). The cache lives in the installation's own
 * `node_modules/.cache/dtks-compile-cache` (NODE_COMPILE_CACHE overrides it) — not Node's default in the shared
 * temp directory, where another local user could plant compiled code for this program to run.
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off, and a directory that cannot be written leaves it off without a
 * word: it only ever saves time.
 */
import { enableCompileCache } from 'node:module';
import { resolve } from 'node:path';

enableCompileCache(
  process.env.NODE_COMPILE_CACHE ??
    resolve(import.meta.dirname, '../../node_modules/.cache/dtks-compile-cache'),
);
const { buildProgram } = await import('./program.ts');
const { exitQuietlyWhenOutputCloses } = await import('./output.ts');
exitQuietlyWhenOutputCloses();
await buildProgram().parseAsync(process.argv);
