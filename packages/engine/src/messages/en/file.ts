// English messages of the engine: file. Codes are stable (the app and scripts decide by them).
import type { Template } from '../template.js';

export const file = {
} satisfies Record<string, Template>;
