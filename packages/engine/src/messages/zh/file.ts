// 简体中文 messages of the engine: file (one for every English code; the types check it).
import type { Template } from '../template.js';
import type { file as en } from '../en/file.js';

export const file: Record<keyof typeof en, Template> = {
};
