// TensorFlow.js runtime: the native tfjs-node backend when it is installed (an optional dependency that
// cannot install everywhere), otherwise the WebAssembly backend. Same model, same weights, same numbers
// within float tolerance. Loaded once per process. Inference needs only tfjs-core (about 35 MB less
// resident memory than the whole of tfjs, measured); training adds the layers API on the same core.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export type Tf = typeof import('@tensorflow/tfjs');
export type TfCore = typeof import('@tensorflow/tfjs-core');

let loading: Promise<{ tf: TfCore; backend: string }> | undefined;

async function load(): Promise<{ tf: TfCore; backend: string }> {
  if (process.env.FOOTHOLD_TF_BACKEND !== 'wasm') {
    try {
      const name = '@tensorflow/tfjs-node'; // a variable: the optional package need not exist at type-check time
      const tf = (await import(name)) as TfCore;
      await tf.ready();
      return { tf, backend: tf.getBackend() };
    } catch {
      // not installed here: fall through to WebAssembly
    }
  }
  const tf = await import('@tensorflow/tfjs-core');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const require = createRequire(import.meta.url);
  wasm.setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`);
  if (!(await tf.setBackend('wasm'))) throw new Error('the TensorFlow.js WebAssembly backend failed to start');
  await tf.ready();
  return { tf, backend: tf.getBackend() };
}

/** tfjs-core on the best backend available: what inference needs. */
export function loadTfCore(): Promise<{ tf: TfCore; backend: string }> {
  loading ??= load();
  return loading;
}

/** The whole of tfjs (layers, for training) on the same core and backend. */
export async function loadTf(): Promise<{ tf: Tf; backend: string }> {
  const { backend } = await loadTfCore();
  return { tf: await import('@tensorflow/tfjs'), backend };
}
