// The ready-made models: a rule file and its playbooks per library and language, embedded at
// build time from ../libraries/ (see scripts/gen-libraries.mjs), so the browser app has them too.
import { LIBRARY_FILES } from './generated/libraries.js';
import type { Lang } from './format.js';
import { StrategyError } from './messages/index.js';

export type LibraryId = 'tiers' | 'rfm' | 'lifecycle' | 'value-matrix';

export interface LibraryInfo {
  id: LibraryId;
  title: Record<Lang, string>;
  description: Record<Lang, string>;
  langs: Lang[];
  /** the rule file ends with an `otherwise` segment: every customer gets a segment */
  catchAll: boolean;
}

export interface LoadedLibrary {
  id: LibraryId;
  lang: Lang;
  /** suggested file names when saved: `tiers.seg`, `tiers.playbooks.yaml` */
  rulesFile: string;
  playbooksFile: string;
  rules: string;
  playbooks: string;
}

const INFO: LibraryInfo[] = [
  {
    id: 'tiers',
    title: { en: 'Value tiers: platinum / gold / iron basic / churn risk', zh: '价值分层：铂金 / 黄金 / 铁杆基础 / 流失风险' },
    description: {
      en: 'The four tiers of the strategy handbooks, with their strategy table (goal, measures, owner, timing, KPI). Spend by percentile, recency by percentile.',
      zh: '策略手册中的四层客户分级及其策略表（目标、措施、责任人、时间节点、KPI）。金额与最近购买按百分位划分。'
    },
    langs: ['en', 'zh'],
    catchAll: true
  },
  {
    id: 'rfm',
    title: { en: 'Classic RFM segments (11)', zh: '经典 RFM 十一类客户' },
    description: {
      en: 'Champions, Loyal, Potential Loyalist, New, Promising, Need Attention, About to Sleep, Can’t Lose Them, At Risk, Hibernating, Lost, on 1-5 quintile scores.',
      zh: '基于 1-5 分位评分的冠军、忠诚、潜力忠诚、新客、有潜力、需关注、即将沉睡、不能失去、有流失风险、休眠、已流失客户。'
    },
    langs: ['en', 'zh'],
    catchAll: true
  },
  {
    id: 'lifecycle',
    title: { en: 'Lifecycle stages', zh: '客户生命周期阶段' },
    description: {
      en: 'Mature, growing, new, declining, lost: from tenure (T), recency (R) and purchases (F).',
      zh: '成熟期、成长期、新客期、衰退期、流失期：依据客户时长 (T)、最近购买 (R) 与购买次数 (F)。'
    },
    langs: ['en', 'zh'],
    catchAll: true
  },
  {
    id: 'value-matrix',
    title: { en: 'Value × engagement matrix (3 × 3)', zh: '价值 × 活跃度矩阵（3 × 3）' },
    description: {
      en: 'Value high/mid/low by M percentile, engagement high/mid/low by R and F scores: nine cells, each with a playbook.',
      zh: '按金额百分位分高/中/低价值，按 R、F 评分分高/中/低活跃度：九个格子，各有策略。'
    },
    langs: ['en', 'zh'],
    catchAll: true
  }
];

export function listLibraries(): LibraryInfo[] {
  return INFO.map((i) => ({ ...i, title: { ...i.title }, description: { ...i.description }, langs: [...i.langs] }));
}

/** One step: the rule text and the playbook text of a library, ready to edit and save. */
export function loadLibrary(id: string, lang: Lang = 'en'): LoadedLibrary {
  const info = INFO.find((i) => i.id === id);
  if (!info) throw new StrategyError('library.unknown', { id, libraries: INFO.map((i) => i.id).join(', ') });
  const rules = LIBRARY_FILES[`${id}/${id}.${lang}.seg`];
  const playbooks = LIBRARY_FILES[`${id}/${id}.${lang}.playbooks.yaml`];
  if (rules === undefined || playbooks === undefined) throw new StrategyError('library.no-lang', { id, lang });
  return { id: info.id, lang, rulesFile: `${id}.seg`, playbooksFile: `${id}.playbooks.yaml`, rules, playbooks };
}
