import path from 'node:path';
import { defineConfig } from 'vite';

// The renderer: plain React via esbuild's automatic JSX runtime (no plugin needed).
export default defineConfig({
  root: path.resolve(__dirname, 'src/renderer'),
  base: './',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: path.resolve(__dirname, 'dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    minify: process.env.TRIANGULATE_NO_MINIFY ? false : 'esbuild',
  },
});
