// UI strings of the load feature, English and Chinese side by side (merged into en.ts / zh.ts).
// Every English key must have its Chinese text (type-checked) with the same placeholders
// (dictionaries.test.ts).
export const en = {} as const;

export const zh: Record<keyof typeof en, string> = {};
