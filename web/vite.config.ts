// The dashboard's build: React + Vite, served by `sluice server` under /ui/ from web/dist.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/ui/',
  plugins: [react()],
  build: {
    outDir: process.env.SLUICE_WEB_OUT_DIR ?? 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1000,
  },
  server: {
    // `npm run dev:web` beside `sluice server --dev`: the API is proxied to the server.
    proxy: { '^/$': { target: 'http://127.0.0.1:4590', changeOrigin: false }, '/metrics': 'http://127.0.0.1:4590' },
  },
});
