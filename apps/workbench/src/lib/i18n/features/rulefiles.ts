// UI strings of opening rule files (.seg) (English and Chinese side by side; merged into en.ts /
// zh.ts). Every English key has its Chinese text (type-checked) with the same placeholders.
export const en = {
  'ruleFile.offer': '{file} was opened. Replace the rule file you edited with it?',
  'ruleFile.replace': 'Replace my rules',
  'ruleFile.keep': 'Keep my rules',
  'ruleFile.opened': 'Rule file: {file}',
  'ruleFile.open': 'Open a .seg or .yaml file…',
  'ruleFile.openLabel': 'Choose a .seg file to open in the editor'
} as const;

export const zh: Record<keyof typeof en, string> = {
  'ruleFile.offer': '已打开 {file}。要用它替换您编辑过的规则文件吗？',
  'ruleFile.replace': '替换我的规则',
  'ruleFile.keep': '保留我的规则',
  'ruleFile.opened': '规则文件：{file}',
  'ruleFile.open': '打开 .seg 或 .yaml 文件…',
  'ruleFile.openLabel': '选择要在编辑器中打开的 .seg 文件'
};
