import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { can, isWithinTerritory, levelOfTerritory, roleFitsRegion } from './roles.ts';

describe('territory', () => {
  it('nests codes by dotted prefix, not by string prefix', () => {
    expect(isWithinTerritory('32.01.01.2001', '32.01')).toBe(true);
    expect(isWithinTerritory('32.01', '32.01')).toBe(true);
    expect(isWithinTerritory('32.010', '32.01')).toBe(false);
    expect(isWithinTerritory('32.02.01', '32.01')).toBe(false);
    expect(isWithinTerritory('11', '')).toBe(true);
  });
  it('knows the level of a territory', () => {
    expect(levelOfTerritory('')).toBe(0);
    expect(levelOfTerritory('32')).toBe(1);
    expect(levelOfTerritory('32.01.01.2001')).toBe(4);
  });
  it('binds roles to levels', () => {
    expect(roleFitsRegion('operator_desa', '32.01.01.2001')).toBe(true);
    expect(roleFitsRegion('operator_desa', '32.01')).toBe(false);
    expect(roleFitsRegion('pusdatin', '')).toBe(true);
    expect(roleFitsRegion('dinsos_kab', '32')).toBe(false);
  });
});

describe('permissions', () => {
  it('keeps the auditor read-only', () => {
    expect(can('auditor', 'registry.read')).toBe(true);
    expect(can('auditor', 'registry.write')).toBe(false);
    expect(can('auditor', 'audit.read')).toBe(true);
  });
  it('lets a village operator write but not read the audit log', () => {
    expect(can('operator_desa', 'registry.write')).toBe(true);
    expect(can('operator_desa', 'audit.read')).toBe(false);
  });
});

describe('one permission table', () => {
  it('services and pages decide by permission, never by comparing role names', () => {
    // State machines list the roles of each transition in their own table; everything else asks can().
    const roots = ['src/modules', 'web/src/pages'];
    const offenders: string[] = [];
    for (const root of roots) {
      for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
        if (!/\.(ts|tsx)$/.test(file) || /\.test\.tsx?$/.test(file)) continue;
        const lines = readFileSync(join(root, file), 'utf8').split('\n');
        lines.forEach((line, i) => {
          if (/\b(actor|user|u)\.role\s*[!=]==\s*'/.test(line)) offenders.push(`${root}/${file}:${i + 1}`);
        });
      }
    }
    expect(offenders).toEqual([]);
  });
});
