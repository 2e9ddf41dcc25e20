import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { BACKEND_NAMES } from '../engine/backend/types';
import type { EngineEnvironment, EngineLogger } from './engineApi';

type WebGLContext = WebGLRenderingContext | WebGL2RenderingContext;

/** The part of TF.js's WebGL backend used here (`MathBackendWebGL.getGPGPUContext().gl`). */
interface WebGLBackendLike {
  getGPGPUContext(): { gl: WebGLContext };
}

/**
 * Creates the browser worker's environment: all three backends, the WASM binaries
 * bundled by Vite, and the WebGL renderer and context of the worker's
 * OffscreenCanvas.
 */
export function createBrowserEnvironment(log: EngineLogger): EngineEnvironment {
  // Without explicit paths the WASM backend fetches its binaries relative to
  // the page, gets index.html back, and setBackend('wasm') returns false.
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
  });

  // TF.js requests its WebGL context with failIfMajorPerformanceCaveat unless
  // SOFTWARE_WEBGL_ENABLED is set, and a browser may then refuse a software
  // renderer (headless Chromium 156 with SwiftShader did not). Allow it, so
  // the backend trial measures software WebGL instead of losing it.
  tf.env().set('SOFTWARE_WEBGL_ENABLED', true);

  return {
    candidates: BACKEND_NAMES,
    readWebGLRenderer,
    watchWebGLContext(onLost) {
      const gl = activeWebGLContext();
      if (gl === undefined) {
        return () => undefined;
      }
      const canvas = gl.canvas;
      const listener = () => onLost('WebGL context lost (webglcontextlost event)');
      canvas.addEventListener('webglcontextlost', listener);
      return () => canvas.removeEventListener('webglcontextlost', listener);
    },
    isWebGLContextLost() {
      return activeWebGLContext()?.isContextLost() ?? false;
    },
    loseWebGLContext() {
      const extension = activeWebGLContext()?.getExtension('WEBGL_lose_context');
      if (extension == null) {
        return false;
      }
      extension.loseContext();
      return true;
    },
    log,
  };
}

/**
 * Reads the WebGL renderer string from a throwaway context, before TF.js
 * creates its own: the unmasked name through WEBGL_debug_renderer_info when
 * the browser offers it, else `RENDERER`. The context is released at once.
 */
function readWebGLRenderer(): string | undefined {
  if (typeof OffscreenCanvas === 'undefined') {
    return undefined;
  }
  const canvas = new OffscreenCanvas(1, 1);
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (gl === null) {
    return undefined;
  }
  try {
    const debugInfo = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer: unknown = gl.getParameter(debugInfo === null ? gl.RENDERER : debugInfo.UNMASKED_RENDERER_WEBGL);
    return typeof renderer === 'string' ? renderer : undefined;
  } finally {
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}

/** Returns the WebGL context of TF.js's WebGL backend when that backend is active. */
function activeWebGLContext(): WebGLContext | undefined {
  if (tf.getBackend() !== 'webgl') {
    return undefined;
  }
  const backend = tf.backend() as unknown as Partial<WebGLBackendLike>;
  return typeof backend.getGPGPUContext === 'function' ? backend.getGPGPUContext().gl : undefined;
}
