import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** The three pages are built together into dist/web and served by the server. */
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [preact()],
  resolve: {
    alias: {
      '@protocol': here('./server/protocol'),
      '@ui': here('./ui'),
    },
  },
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    reportCompressedSize: true,
    // kiosks run Chromium and phones recent browsers: native modulepreload, no polyfill in every page (kiosk budget 30 kB)
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: {
        kiosk: here('./kiosk/index.html'),
        counter: here('./counter/index.html'),
        'display-board': here('./display-board/index.html'),
      },
    },
  },
});
