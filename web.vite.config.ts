import path from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;
const apiTarget = 'http://127.0.0.1:3000';

/** Builds the browser app from `src/web` into `dist/web`, which the server serves at `/`. */
export default defineConfig({
  root: path.join(root, 'src/web'),
  base: './',
  publicDir: false,
  build: {
    outDir: path.join(root, 'dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    // bpmn-js, form-js and the modeler stay in their own lazily loaded chunks, which are larger
    // than the default warning limit. The modeler's chunk, with the properties panel and the
    // element template validator, is about 1.7 MB minified (320 kB gzipped) with bpmn-js 18.31.
    chunkSizeWarningLimit: 1800,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/v2': { target: apiTarget, changeOrigin: false },
    },
  },
});
