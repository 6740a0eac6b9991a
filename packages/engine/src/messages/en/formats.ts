// English messages of the engine: formats. Codes are stable (the app and scripts decide by them).
import type { Template } from '../template.js';

export const formats = {
} satisfies Record<string, Template>;
