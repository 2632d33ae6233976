/**
 * The web app's build. Root is web/, the output goes to dist/web at the repository root (served by
 * src/http/app.ts with an SPA fallback). Vite 8 transforms TSX with oxc, so no React plugin is needed.
 * The app imports pure rules from src/domain directly, hence the dev server may read the whole repository.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: webRoot,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    port: 5173,
    fs: { allow: [repoRoot] },
    proxy: { '/api': 'http://localhost:3000' },
  },
});
