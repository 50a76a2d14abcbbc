import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The gateway serves the built app at /app; `npm run web:dev` proxies the API to a gateway on PORT (4000).
const gateway = `http://127.0.0.1:${process.env.PORT ?? 4000}`;

export default defineConfig({
  root: import.meta.dirname,
  base: '/app/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 600 },
  server: { proxy: { '/graphql': gateway, '/dev': gateway } },
});
