import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

/*
 * The web app is a static bundle the server serves from apps/web/dist. '@stepwise/core' resolves to
 * its TypeScript source through the "development" export condition, so there is no separate build
 * step for the shared schemas.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
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
