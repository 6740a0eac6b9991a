// English messages of the engine: text. Codes are stable (the app and scripts decide by them).
import type { Template } from '../template.js';

export const text = {
} satisfies Record<string, Template>;
