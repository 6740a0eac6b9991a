// English messages of the engine: encoding. Codes are stable (the app and scripts decide by them).
import type { Template } from '../template.js';

export const encoding = {
} satisfies Record<string, Template>;
