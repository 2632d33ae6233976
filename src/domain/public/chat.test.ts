import { describe, expect, it } from 'vitest';
import { CHAT_HELP, chatLimitedReply, parseChatCommand } from './chat.ts';

describe('parseChatCommand', () => {
  it('reads CEK with the NIK and the name, in any case and spacing', () => {
    expect(parseChatCommand('CEK 3201010101800001 SITI AMINAH')).toEqual({
      kind: 'cek',
      nik: '3201010101800001',
      name: 'SITI AMINAH',
    });
    expect(parseChatCommand('  cek   3201.0101.0180.0001  siti  aminah ')).toEqual({
      kind: 'cek',
      nik: '3201010101800001',
      name: 'siti aminah',
    });
    expect(parseChatCommand('Cek 3201 0101 0180 0001 Budi')).toMatchObject({ nik: '3201010101800001' });
  });
  it('explains a CEK without a valid NIK or name', () => {
    expect(parseChatCommand('CEK 12345 BUDI')).toEqual({ kind: 'cek_usage', problem: 'nik' });
    expect(parseChatCommand('CEK BUDI')).toEqual({ kind: 'cek_usage', problem: 'nik' });
    expect(parseChatCommand('CEK 3201010101800001')).toEqual({ kind: 'cek_usage', problem: 'name' });
  });
  it('answers BANTUAN, unknown commands and commands that do not exist yet with the help', () => {
    for (const text of ['BANTUAN', 'bantuan', 'halo', '', 'LAPOR jalan rusak', 'STATUS 123']) {
      expect(parseChatCommand(text)).toEqual({ kind: 'help' });
    }
  });
  it('lists the commands: CEK, and LAPOR and STATUS of the reports module', () => {
    expect(CHAT_HELP).toContain('CEK <NIK>');
    expect(CHAT_HELP).toContain('BANTUAN');
    expect(CHAT_HELP).toContain('LAPOR <KODE DESA>');
    expect(CHAT_HELP).toContain('STATUS <NOMOR LAPORAN>');
  });
  it('says when to come back in minutes', () => {
    expect(chatLimitedReply(30)).toContain('1 menit');
    expect(chatLimitedReply(1800)).toContain('30 menit');
  });
});
