/**
 * Compute-backend choice for TensorFlow.js inside the worker.
 *
 * Order: WebGPU on a real (non-fallback) adapter, then WebGL on a GPU, WASM, CPU. A
 * software WebGPU adapter (SwiftShader, `isFallbackAdapter`) is about 15x slower than WASM
 * on a CPU-only machine, and software WebGL about 10x, so those are only used when the
 * user asks for them by name.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface BackendProbe {
  name: BackendName;
  available: boolean;
  /** why it is unavailable, or a note such as "software adapter" */
  note: string;
}

export interface BackendStatus {
  active: BackendName;
  /** true when the user picked it rather than the automatic order */
  chosenByUser: boolean;
  probes: BackendProbe[];
  /** result of a tiny matmul on the active backend, proving it computes */
  selfTest: number;
}

// Module workers under COOP/COEP failed to start wasm threads ("e is not defined"), and on
// two cores threads measured no faster, so the single-threaded SIMD binary is always used.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlainUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
});

interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { isFallbackAdapter?: boolean; vendor?: string; architecture?: string; description?: string };
}

async function probeWebGpu(): Promise<BackendProbe> {
  const gpu = (globalThis.navigator as unknown as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
  if (!gpu) return { name: 'webgpu', available: false, note: 'this browser exposes no WebGPU' };
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { name: 'webgpu', available: false, note: 'no WebGPU adapter' };
    const fallback = adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
    const what = [adapter.info?.vendor, adapter.info?.architecture].filter(Boolean).join(' ');
    return fallback
      ? { name: 'webgpu', available: true, note: `software adapter${what ? ` (${what})` : ''}: slower than WASM, not chosen automatically` }
      : { name: 'webgpu', available: true, note: what ? `GPU adapter (${what})` : 'GPU adapter' };
  } catch (e) {
    return { name: 'webgpu', available: false, note: `adapter request failed: ${(e as Error).message}` };
  }
}

/** Renderer names of software rasterisers: WebGL on them trains far slower than WASM. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|microsoft basic render/i;

function probeWebGl(): BackendProbe {
  try {
    const Canvas = (globalThis as { OffscreenCanvas?: typeof OffscreenCanvas }).OffscreenCanvas;
    if (!Canvas) return { name: 'webgl', available: false, note: 'no OffscreenCanvas in this worker' };
    const gl = (new Canvas(1, 1).getContext('webgl2') ?? new Canvas(1, 1).getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return { name: 'webgl', available: false, note: 'no WebGL context' };
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    return SOFTWARE_RENDERER.test(renderer)
      ? { name: 'webgl', available: true, note: `software renderer (${renderer}): slower than WASM, not chosen automatically` }
      : { name: 'webgl', available: true, note: `GPU renderer (${renderer})` };
  } catch (e) {
    return { name: 'webgl', available: false, note: `WebGL failed: ${(e as Error).message}` };
  }
}

export async function probeBackends(): Promise<BackendProbe[]> {
  const webgpu = await probeWebGpu();
  const webgl = probeWebGl();
  const wasm: BackendProbe = { name: 'wasm', available: typeof WebAssembly === 'object', note: 'WebAssembly with SIMD' };
  const cpu: BackendProbe = { name: 'cpu', available: true, note: 'plain JavaScript (slowest)' };
  return [webgpu, webgl, wasm, cpu];
}

function isAutomaticCandidate(p: BackendProbe): boolean {
  return p.available && !p.note.startsWith('software');
}

async function activate(name: BackendName): Promise<boolean> {
  try {
    const ok = await tf.setBackend(name);
    if (!ok) return false;
    await tf.ready();
    return tf.getBackend() === name;
  } catch {
    return false;
  }
}

async function selfTest(): Promise<number> {
  const out = tf.tidy(() => tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5], [6]])).sum());
  const v = (await out.data())[0];
  out.dispose();
  return v; // 1*5+2*6+3*5+4*6 = 56
}

/**
 * Activate the requested backend, or the best available one. Falls back down the order
 * when the requested one fails to initialise, so training always has somewhere to run.
 */
export async function chooseBackend(requested?: BackendName): Promise<BackendStatus> {
  const probes = await probeBackends();
  const order: BackendName[] = requested
    ? [requested, ...probes.filter((p) => isAutomaticCandidate(p) && p.name !== requested).map((p) => p.name)]
    : probes.filter(isAutomaticCandidate).map((p) => p.name);
  for (const name of order) {
    const probe = probes.find((p) => p.name === name);
    if (probe && !probe.available) continue;
    if (await activate(name)) {
      return { active: name, chosenByUser: requested === name, probes, selfTest: await selfTest() };
    }
    if (probe) probe.note = `failed to initialise; ${probe.note}`;
  }
  throw new Error('No TensorFlow.js backend could be initialised');
}
