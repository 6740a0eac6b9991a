// 简体中文 messages of the engine: formats (one for every English code; the types check it).
import type { Template } from '../template.js';
import type { formats as en } from '../en/formats.js';

export const formats: Record<keyof typeof en, Template> = {
};
