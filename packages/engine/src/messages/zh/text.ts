// 简体中文 messages of the engine: text (one for every English code; the types check it).
import type { Template } from '../template.js';
import type { text as en } from '../en/text.js';

export const text: Record<keyof typeof en, Template> = {
};
