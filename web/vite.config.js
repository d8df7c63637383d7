import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server forwards everything the Pulse server owns, so the app can use relative URLs
// in development exactly as it does when served from the server's jar.
const backend = process.env.PULSE_BACKEND || 'http://localhost:8000';

export default defineConfig({
  plugins: [react()],
  build: {
    // Straight into the Maven module's classes, so the jar carries the bundle under webroot/.
    outDir: 'target/classes/webroot',
    emptyOutDir: true,
    assetsDir: 'assets',
  },
  server: {
    port: 5173,
    // Maven's build output lives under target/; rebuilding it must not reload the dev page.
    watch: { ignored: ['**/target/**'] },
    proxy: {
      '/api': backend,
      '/health': backend,
      '/socket.io': { target: backend, ws: true },
    },
  },
});
