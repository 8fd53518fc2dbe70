import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX, checkPassword } from './password-policy';

describe('password policy (ASVS 5.0 L2: length ≥ 12, breached/common list, no composition rules)', () => {
  it.each([
    ['short', 'password_too_short'],
    ['elevenchars', 'password_too_short'],
    ['password1234', 'password_common'],
    ['iloveyou1234', 'password_common'],
    ['matkhau123456', 'password_common'],
    ['123123123123', 'password_common'],
    ['abcabcabcabc', 'password_common'],
    ['qwertyqwertyqwerty', 'password_common'],
    ['Regionlink2026!', 'password_contextual'],
    ['nguyenvanan.2026', 'password_contextual'],
    ['x'.repeat(PASSWORD_MAX + 1), 'password_too_long'],
  ])('refuses %j as %s', (pw, code) => {
    expect(checkPassword(pw, { username: 'nguyen.van.an', displayName: 'Nguyen Van An' })?.code).toBe(code);
  });

  it.each([
    'correct horse battery staple',
    'Mưa rơi trên phố Hà Nội',
    'sáu-chữ-số-không-đủ',
    'tamgiacvuongcan',
    'Đồng bằng sông Cửu Long có mười ba tỉnh trước năm hai nghìn hai mươi lăm!',
  ])('accepts %j (no rule on character classes; long passphrases allowed)', (pw) => {
    expect(checkPassword(pw)).toBeNull();
  });

  it('counts Vietnamese characters as typed (NFC), not as bytes or NFD code units', () => {
    const nfd = 'Hà Nội mùa thu'.normalize('NFD');
    expect(nfd.length).toBeGreaterThan(14);
    expect(checkPassword('ĐàNẵngĐẹpQuá')).toBeNull();
    expect(checkPassword('ĐàNẵngĐẹp'.normalize('NFD'))?.code).toBe('password_too_short');
  });
});
