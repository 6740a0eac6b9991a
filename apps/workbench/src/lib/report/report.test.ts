// The report downloads' pure part: the names written into the report (as a save names the files),
// the language, when the buttons are disabled, and the file of each format (the strategy
// package's text, UTF-8 without a byte order mark).
import { describe, expect, it } from 'vitest';
import { renderReport, type SegmentReport } from '@segmint/strategy';
import { playbookHasErrors, reportBlocker, reportFile, reportFileNames, reportLang, reportOptions } from './report.js';

const PLAYBOOK = 'playbooks:\n  gold:\n    goal: Keep them\n';

const REPORT: SegmentReport = {
  title: 'Segment report',
  lang: 'zh',
  asOf: '2024-12-31',
  rulesFile: 'team.seg',
  playbooksFile: null,
  customers: 2,
  M: 30,
  segments: [
    {
      segment: 'gold',
      label: '黄金 <b>',
      customers: 2,
      share: 1,
      M: 30,
      shareM: 1,
      R: { mean: 1, median: 1, min: 0, max: 2 },
      F: { mean: 2, median: 2, min: 1, max: 3 },
      Mstat: { mean: 15, median: 15, min: 10, max: 20 },
      repurchaseRate: 0.5,
      aov: 7.5,
      mPerCustomer: 15,
      playbook: null,
      kpis: []
    }
  ],
  unassigned: null,
  pareto: { topShare: 0.2, topMShare: 0.6666666666666666, customersFor80: 1, curve: [] },
  notes: []
};

describe('report downloads', () => {
  it('writes the file names a save gives the rule file and the playbook', () => {
    expect(reportFileNames({ fileName: 'team.seg', suggestedName: null, playbook: null })).toEqual({ rulesFile: 'team.seg', playbooksFile: null });
    // a dropped file's folders are not part of its name
    expect(reportFileNames({ fileName: 'shop/team.seg', suggestedName: null, playbook: { name: 'shop/team.playbooks.yml', text: PLAYBOOK } })).toEqual({
      rulesFile: 'team.seg',
      playbooksFile: 'team.playbooks.yml'
    });
    // a ready-made model: its own names
    expect(reportFileNames({ fileName: null, suggestedName: 'rfm.seg', playbook: { name: 'rfm.playbooks.yaml', text: PLAYBOOK } })).toEqual({
      rulesFile: 'rfm.seg',
      playbooksFile: 'rfm.playbooks.yaml'
    });
    // the example, or typed text: what Save suggests
    expect(reportFileNames({ fileName: null, suggestedName: null, playbook: null }).rulesFile).toBe('rules.seg');
  });

  it('is in the app\'s language and takes the playbook beside the rules', () => {
    expect(reportLang('en')).toBe('en');
    expect(reportLang('zh-CN')).toBe('zh');
    expect(reportOptions({ rules: 'x', fileName: 'a.seg', suggestedName: null, playbook: { name: 'a.yaml', text: PLAYBOOK } }, 'zh')).toEqual({
      playbooks: PLAYBOOK,
      lang: 'zh',
      rulesFile: 'a.seg',
      playbooksFile: 'a.yaml'
    });
    expect(reportOptions({ rules: 'x', fileName: null, suggestedName: null, playbook: null }, 'en')).toEqual({ playbooks: null, lang: 'en', rulesFile: 'rules.seg', playbooksFile: null });
  });

  it('is disabled without data, with errors in the rule file or in the playbook', () => {
    expect(reportBlocker({ hasData: false, ruleErrors: false, playbook: null })).toBe('no-data');
    expect(reportBlocker({ hasData: true, ruleErrors: true, playbook: null })).toBe('rule-errors');
    expect(reportBlocker({ hasData: true, ruleErrors: false, playbook: 'playbooks:\n  gold: {}\n' })).toBe('playbook-errors');
    expect(reportBlocker({ hasData: true, ruleErrors: false, playbook: PLAYBOOK })).toBeNull();
    expect(reportBlocker({ hasData: true, ruleErrors: false, playbook: null })).toBeNull();
    expect(playbookHasErrors('not: [yaml')).toBe(true);
    // a playbook for a segment the rules lack is a warning, not an error
    expect(playbookHasErrors(PLAYBOOK)).toBe(false);
  });

  it('gives each format\'s file: the strategy package\'s text as UTF-8 without a byte order mark', () => {
    for (const [format, name, mime] of [
      ['md', 'report.md', 'text/markdown;charset=utf-8'],
      ['html', 'report.html', 'text/html;charset=utf-8'],
      ['csv', 'report.csv', 'text/csv;charset=utf-8'],
      ['json', 'report.json', 'application/json;charset=utf-8']
    ] as const) {
      const f = reportFile(REPORT, format);
      expect(f.fileName).toBe(name);
      expect(f.mimeType).toBe(mime);
      expect(new TextDecoder().decode(f.bytes)).toBe(renderReport(REPORT, format));
      expect([...f.bytes.slice(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    }
    expect(new TextDecoder().decode(reportFile(REPORT, 'html').bytes)).toContain('黄金 &lt;b&gt;');
    expect(JSON.parse(new TextDecoder().decode(reportFile(REPORT, 'json').bytes))).toEqual(REPORT);
  });
});
