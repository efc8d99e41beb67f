/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// The query-service that `npm run dev` proxies the API to (default: a local `./vigil up`).
const api = process.env.VIGIL_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  // JSX through esbuild's automatic runtime: no React plugin needed (no fast refresh; a reload is fine).
  esbuild: { jsx: 'automatic' },
  server: {
    proxy: {
      '/api': api,
      '/jaeger': api,
      '/q': api,
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      // React Query and React Router mark modules "use client" (for server components); meaningless in a SPA.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        // Large libraries in chunks of their own: the map's cytoscape loads only with the map route.
        manualChunks: {
          react: ['react', 'react-dom', 'react-router', '@tanstack/react-query', '@tanstack/react-virtual'],
          uplot: ['uplot'],
        },
      },
    },
  },
  test: {
    // Logic tests run in Node; component tests ask for jsdom with a `@vitest-environment jsdom` comment.
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
