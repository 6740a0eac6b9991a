// 简体中文 messages of the engine: values (one for every English code; the types check it).
import type { Template } from '../template.js';
import type { values as en } from '../en/values.js';

export const values: Record<keyof typeof en, Template> = {
};
