// English messages of the engine: values. Codes are stable (the app and scripts decide by them).
import type { Template } from '../template.js';

export const values = {
} satisfies Record<string, Template>;
