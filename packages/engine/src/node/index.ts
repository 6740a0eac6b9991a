export { NativeBackend, type NativeBackendOptions } from './native-backend.js';
export { nodeFile, expandInputs } from './files.js';
