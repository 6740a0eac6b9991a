// UI strings of shared base files (`use "common.seg"` in a rule file), English and Chinese side
// by side (merged into en.ts / zh.ts). Every English key has its Chinese text (type-checked)
// with the same placeholders.
export const en = {
  'baseFiles.missing': 'Line {line}: the base file {file} is not among the opened files.',
  'baseFiles.missingIn': '{from} uses the base file {file}, which is not among the opened files.',
  'baseFiles.choose': 'Choose {file}…',
  'baseFiles.chooseLabel': 'Choose the base file {file}',
  'baseFiles.using': 'Base files: {files}'
} as const;

export const zh: Record<keyof typeof en, string> = {
  'baseFiles.missing': '第 {line} 行：基础文件 {file} 不在已打开的文件中。',
  'baseFiles.missingIn': '{from} 引用的基础文件 {file} 不在已打开的文件中。',
  'baseFiles.choose': '选择 {file}…',
  'baseFiles.chooseLabel': '选择基础文件 {file}',
  'baseFiles.using': '基础文件：{files}'
};
