// 简体中文 messages of the engine: encoding (one for every English code; the types check it).
import type { Template } from '../template.js';
import type { encoding as en } from '../en/encoding.js';

export const encoding: Record<keyof typeof en, Template> = {
};
