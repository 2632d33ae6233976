/**
 * Builds the web app once, before the browser test files start: they run two at a time, and each file's
 * `startBrowser` would otherwise find the build stale and run `vite build` into the same folder together.
 */
import { ensureWebBuild } from '../support/web-build.ts';

export default function setup(): void {
  ensureWebBuild();
}
