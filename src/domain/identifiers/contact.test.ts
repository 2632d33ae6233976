import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizeIndonesianPhone } from './contact.ts';

const phone = (s: string) => {
  const r = normalizeIndonesianPhone(s);
  return r.ok ? r.value : r.issue.code;
};
const email = (s: string) => {
  const r = normalizeEmail(s);
  return r.ok ? r.value : r.issue.code;
};

describe('normalizeIndonesianPhone', () => {
  it('stores mobile and landline numbers as +62 and the national number', () => {
    expect(phone('0812-3456-7890')).toBe('+6281234567890');
    expect(phone('+62 812 3456 7890')).toBe('+6281234567890');
    expect(phone('6281234567890')).toBe('+6281234567890');
    expect(phone('(0286) 321234')).toBe('+62286321234');
    expect(phone('021.7654.3210')).toBe('+622176543210');
    expect(phone('0812345678')).toBe('+62812345678');
  });

  it('rejects numbers that are not Indonesian or have the wrong length', () => {
    expect(phone('+1 415 555 0100')).toBe('phone.invalid');
    expect(phone('812-3456-7890')).toBe('phone.invalid');
    expect(phone('0812')).toBe('phone.invalid');
    expect(phone('0812345678901234')).toBe('phone.invalid');
    expect(phone('00812345678')).toBe('phone.invalid');
    expect(phone('0812-3456-789a')).toBe('phone.invalid');
    expect(phone('+62 0812 3456 7890')).toBe('phone.invalid');
    expect(phone('')).toBe('phone.invalid');
  });

  it('reports the field and both languages', () => {
    const r = normalizeIndonesianPhone('123', 'contact.phone');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issue.field).toBe('contact.phone');
      expect(r.issue.message.id).toContain('tidak valid');
      expect(r.issue.message.en).toContain('invalid');
    }
  });
});

describe('normalizeEmail', () => {
  it('accepts ordinary addresses and lowercases the domain only', () => {
    expect(email('Dinsos.Wonosobo@Example.GO.ID')).toBe('Dinsos.Wonosobo@example.go.id');
    expect(email('  lks+kontak@mail.co.id ')).toBe('lks+kontak@mail.co.id');
  });

  it('rejects malformed addresses', () => {
    for (const bad of [
      'no-at-sign',
      '@example.com',
      'a@',
      'a@localhost',
      'a..b@example.com',
      'a@exa_mple.com',
      'a@-example.com',
      'a@example.c0m',
      'a b@example.com',
      `${'x'.repeat(65)}@example.com`,
    ]) {
      expect(email(bad), bad).toBe('email.invalid');
    }
  });
});
