import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The app must provably send nothing out: in the built app a Content-Security-Policy
 * allows only its own origin. 'wasm-unsafe-eval' lets the TensorFlow.js WASM backend
 * compile its module; blob: covers workers and downloads made from Blobs. Charts use
 * vega-interpreter, so no 'unsafe-eval' is needed. Dev mode keeps Vite's inline
 * HMR scripts working by injecting the policy only at build time.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self' blob: data:",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function injectCsp(): Plugin {
  return {
    name: 'synthcredit-csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}" />`,
      );
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    injectCsp(),
    // After the first visit the app must load and work with the network off: a service worker
    // precaches every built asset, the WASM binaries and the bundled samples.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script', // a same-origin file, not an inline script the CSP would block
      manifest: {
        name: 'SynthCredit',
        short_name: 'SynthCredit',
        description: 'Private synthetic credit data, in your browser',
        theme_color: '#1d4ed8',
        background_color: '#f8fafc',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,wasm,csv,webmanifest}'],
        globIgnores: ['bench/**', 'assets/bench-*'],
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        navigateFallbackDenylist: [/^\/bench\//],
      },
    }),
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    // the benchmark page (bench/index.html) ships beside the app so `npm run bench` measures the built code
    rollupOptions: { input: { main: 'index.html', bench: 'bench/index.html' } },
  },
  preview: { port: 4173, strictPort: true },
  server: { port: 5173 },
});
