import path from 'node:path';
import { defineConfig } from 'vite';
import pkg from './package.json';

// The renderer: plain React via esbuild's automatic JSX runtime (no plugin needed).
export default defineConfig({
  root: path.resolve(__dirname, 'src/renderer'),
  base: './',
  esbuild: { jsx: 'automatic' },
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  build: {
    outDir: path.resolve(__dirname, 'dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    minify: process.env.TRIANGULATE_NO_MINIFY ? false : 'esbuild',
  },
});
