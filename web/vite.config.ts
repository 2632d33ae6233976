/**
 * The web app's build. Root is web/, the output goes to dist/web at the repository root (served by
 * src/http/app.ts with an SPA fallback). Two entries: index.html, the staff app, and public.html, the
 * public pages (Cek Bansos, statistics, citizen pages: web/src/public/), which share no code but React, so a
 * citizen's phone never downloads the staff bundle nor its data layer (TanStack Query: the public pages read
 * through public/use-public-load.ts). Vite 8 transforms TSX with oxc, so no React plugin is needed.
 * The app imports pure rules from src/domain directly, hence the dev server may read the whole repository.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { PUBLIC_PAGE_SEGMENTS } from '../src/domain/public-pages.ts';

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

/**
 * The installable app (docs/offline.md): a web app manifest, its icon and a hand-written service worker
 * (web/sw.js) listing the build's own files to keep for offline use. No PWA plugin: a generated Workbox
 * worker would still have to be checked; one small worker that knows exactly what it caches (never an API
 * answer) is simpler to verify.
 */
function offlineShell(): Plugin {
  return {
    name: 'dtks-offline-shell',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => f.startsWith('assets/') && /\.(js|css)$/.test(f))
        .sort()
        .map((f) => `/${f}`);
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 16);
      const worker = readFileSync(join(webRoot, 'sw.js'), 'utf8')
        .replace('__VERSION__', version)
        .replace('__PRECACHE__', JSON.stringify(files))
        .replace('__PUBLIC_SEGMENTS__', JSON.stringify(PUBLIC_PAGE_SEGMENTS));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: worker });
      this.emitFile({ type: 'asset', fileName: 'icon.svg', source: ICON });
      this.emitFile({
        type: 'asset',
        fileName: 'manifest.webmanifest',
        source: JSON.stringify(
          {
            name: 'DTKS — Data Terpadu Kesejahteraan Sosial',
            short_name: 'DTKS',
            lang: 'id',
            start_url: '/offline',
            scope: '/',
            display: 'standalone',
            background_color: '#f4f6f8',
            theme_color: '#0d6e6e',
            icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
          },
          null,
          2,
        ),
      });
    },
  };
}

const ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" rx="96" fill="#0d6e6e"/><text x="256" y="340" font-family="sans-serif" font-size="220" font-weight="700" fill="#fff" text-anchor="middle">D</text></svg>';

export default defineConfig({
  plugins: [precompress(`${repoRoot}dist/web`), offlineShell()],
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
              // The signed-in shell and the cache it provides (query-client.ts, a few hundred bytes that only
              // signed-in screens import) as one request.
              name: 'Layout',
              test: /web[\\/]src[\\/](components[\\/]Layout|query-client)\./,
              includeDependenciesRecursively: false,
            },
            {
              // The data layer (TanStack Query and the key/cache rules around it, no side effects) as one chunk,
              // not two: the signed-in shell loads it; the login page and the public pages do not.
              name: 'query',
              test: /node_modules[\\/]@tanstack[\\/]|web[\\/]src[\\/]api[\\/]query\./,
              includeDependenciesRecursively: false,
            },
            // No group for web/src/lib/format.ts (dates in the office's zone, periods as months): both entries
            // import it at start (the staff session sets the office's time zone; the public pages name months
            // and times), so it travels in the chunk the two share with React and the router — no request of
            // its own, and no staff code on a public page (in `lists` it pulled that chunk into the public
            // bundle).
            {
              // The small modules every list page uses (table, filters, region names, paging), otherwise a
              // dozen chunks of 1–2 KB each — a dozen requests on a slow line — come as one. Their own imports
              // stay where they are (the shell), not copied into this chunk.
              name: 'lists',
              test: /web[\\/]src[\\/](components[\\/](CursorTable|ListFilters|RegionPicker|StatusBadge|LoadMore)|hooks[\\/](use-cursor-list|use-draft-query|use-debounced|use-village-column|use-region-names)|api[\\/]region-cache)\./,
              includeDependenciesRecursively: false,
            },
            {
              // The cycle's document kinds and names (src/domain/cycle/attachments.ts, attachment-names.ts)
              // travel with the usulan API module that every proposal screen and the household list's "usul"
              // action load: the audit page names the kinds too, and without this group they became requests of
              // their own on the household list (test/e2e/web-delivery.e2e.test.ts counts them).
              name: 'usulan.api',
              test: /web[\\/]src[\\/]pages[\\/]cycle[\\/]usulan[\\/]usulan\.api\.|src[\\/]domain[\\/]cycle[\\/]attachment(s|-names)\./,
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
