import { createHash } from 'node:crypto';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

/*
 * The web app is a static bundle the server serves from apps/web/dist. '@stepwise/core' resolves to
 * its TypeScript source through the "development" export condition, so there is no separate build
 * step for the shared schemas.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), serviceWorker()],
  resolve: { conditions: ['development', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});

/**
 * Builds src/offline/service-worker.ts as dist/sw.js (served at the root, so its scope is the whole
 * app) and writes into it the list of files it keeps for offline use, and a version that changes
 * whenever that list does, so a new build replaces the old shell on the device.
 */
function serviceWorker(): Plugin {
  const entry = path.resolve(import.meta.dirname, 'src/offline/service-worker.ts');
  const fileName = 'sw.js';
  return {
    name: 'stepwise-service-worker',
    apply: 'build',
    // After Vite has written index.html into the bundle, so the list holds it too.
    enforce: 'post',
    buildStart() {
      this.emitFile({ type: 'chunk', id: entry, fileName });
    },
    generateBundle(_options, bundle) {
      const worker = bundle[fileName];
      if (worker?.type !== 'chunk') return this.error('the service worker was not built');
      if (worker.imports.length > 0) return this.error('the service worker must import nothing');
      if (!bundle['index.html']) return this.error('index.html is not in the bundle yet');
      const shell = Object.keys(bundle)
        .filter((name) => name !== fileName && !name.startsWith(`${fileName}.`) && !name.endsWith('.map'))
        .map((name) => `/${name}`)
        .sort();
      const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 16);
      // The file list replaces a whole string literal (whatever quotes the minifier chose); the version,
      // hexadecimal, replaces its token wherever the minifier folded it into a string.
      const files = /(["'`])__STEPWISE_SHELL_FILES__\1/g;
      if (!files.test(worker.code) || !worker.code.includes('__STEPWISE_SHELL_VERSION__')) {
        return this.error('the service worker lost a placeholder');
      }
      worker.code = worker.code
        .replace(files, JSON.stringify(JSON.stringify(shell)))
        .replaceAll('__STEPWISE_SHELL_VERSION__', version);
    },
  };
}
