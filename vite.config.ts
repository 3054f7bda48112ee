// Renderer build: src-renderer → out/renderer, relative asset paths so file:// and custom
// protocols (Electron) and browser mode all load the same files.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: resolve(__dirname, 'src-renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(__dirname, 'out/renderer'),
    emptyOutDir: true,
    // uPlot and React together are larger than Vite's default warning size, and that is fine offline.
    chunkSizeWarningLimit: 1024,
  },
});
