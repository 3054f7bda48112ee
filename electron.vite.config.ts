// Desktop build: main and preload bundled as CommonJS with every dependency inlined (so the
// installer packs only out/ and package.json), and the renderer built from src-renderer.
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = __dirname;

export default defineConfig({
  main: {
    build: {
      outDir: path.join(root, 'out/main'),
      externalizeDeps: false,
      lib: { entry: path.join(root, 'src-main/electron/main/index.ts') },
    },
  },
  preload: {
    build: {
      outDir: path.join(root, 'out/preload'),
      // The sandboxed preload may require only 'electron': inline everything else.
      externalizeDeps: false,
      lib: { entry: path.join(root, 'src-main/electron/preload/index.ts'), formats: ['cjs'] },
    },
  },
  renderer: {
    root: path.join(root, 'src-renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: path.join(root, 'out/renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: path.join(root, 'src-renderer/index.html') },
    },
  },
});
