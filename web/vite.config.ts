/**
 * The web app's build. Root is web/, the output goes to dist/web at the repository root (served by
 * src/http/app.ts with an SPA fallback). Two entries: index.html, the staff app, and public.html, the
 * public pages (Cek Bansos, statistics, citizen pages: web/src/public/), which share no code but React,
 * so a citizen's phone never downloads the staff bundle. Vite 8 transforms TSX with oxc, so no React plugin is needed.
 * The app imports pure rules from src/domain directly, hence the dev server may read the whole repository.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Writes `.br` and `.gz` beside every text asset of the build, so the server sends them precompressed
 * (src/http/app.ts, `preCompressed`) without compressing per request. Small files are left alone.
 */
function precompress(dir: string): Plugin {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)],
    );
  return {
    name: 'dtks-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of walk(dir)) {
        if (!/\.(js|css|html|svg|json)$/.test(file) || statSync(file).size < 1024) continue;
        const body = readFileSync(file);
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  plugins: [precompress(`${repoRoot}dist/web`)],
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
    rolldownOptions: {
      input: { index: join(webRoot, 'index.html'), public: join(webRoot, 'public.html') },
      output: {
        codeSplitting: {
          groups: [
            {
              // The small modules every list page uses (table, filters, region names, paging), otherwise a
              // dozen chunks of 1–2 KB each — a dozen requests on a slow line — come as one. Their own imports
              // stay where they are (the shell), not copied into this chunk.
              name: 'lists',
              test: /web[\\/]src[\\/](components[\\/](CursorTable|ListFilters|RegionPicker|StatusBadge|LoadMore)|hooks[\\/](use-cursor-list|use-draft-query|use-debounced|use-village-column|use-region-names)|api[\\/]region-cache|lib[\\/]format)\./,
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    fs: { allow: [repoRoot] },
    proxy: { '/api': 'http://localhost:3000' },
  },
});
