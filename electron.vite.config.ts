// Desktop build: main and preload bundled as CommonJS with every dependency inlined (so the
// installer packs only out/ and package.json), and the renderer built exactly as browser mode
// builds it (vite.config.ts is the one renderer config) into out/renderer.
import path from 'node:path';
import { defineConfig } from 'electron-vite';
import rendererConfig from './vite.config';

const root = __dirname;

export default defineConfig({
  main: {
    build: {
      outDir: path.join(root, 'out/main'),
      externalizeDeps: false,
      // The endpoint worker is a second entry, so each worker thread loads out/main/endpoint-worker.js
      // (src-main/engine/worker/worker-script.ts looks for it beside the bundle).
      lib: {
        entry: {
          index: path.join(root, 'src-main/electron/main/index.ts'),
          'endpoint-worker': path.join(root, 'src-main/engine/worker/endpoint-worker.ts'),
        },
      },
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
    ...rendererConfig,
    build: {
      ...rendererConfig.build,
      // electron-vite looks for src/renderer/index.html unless told.
      rolldownOptions: { input: path.join(root, 'src-renderer/index.html') },
    },
  },
});
