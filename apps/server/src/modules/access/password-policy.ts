import { dictionary } from '@zxcvbn-ts/language-common';

/** ASVS 5.0 level 2 as the issue asks: at least 12 characters, up to 128 (≥ 64 must be allowed), no composition rules. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/**
 * The list of common and breached passwords shipped with the product: the 49,233 most frequent passwords of the
 * public breach corpora as packaged by @zxcvbn-ts/language-common (`passwords-common`), lower-cased.
 */
let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common;
}

/** Words of this product and its users that make a guessable password whatever the list says. */
const CONTEXT_WORDS = ['regionlink', 'region-link', 'lienketvung', 'liênkếtvùng', 'botaichinh', 'bộtàichính'];

export interface PasswordProblem {
  code: 'password_too_short' | 'password_too_long' | 'password_common' | 'password_contextual';
  en: string;
  vi: string;
}

/**
 * Check a new password: length counted in Unicode code points after NFC (so Vietnamese counts as typed), not on
 * the list of common and breached passwords (also when a repeated or digit-padded form of one: `password1234`),
 * and not the user's own name or the product's name. Null when acceptable.
 */
export function checkPassword(password: string, context: { username?: string; displayName?: string } = {}) {
  const p = password.normalize('NFC');
  const length = [...p].length;
  if (length < PASSWORD_MIN)
    return problem('password_too_short', `at least ${PASSWORD_MIN} characters`, `ít nhất ${PASSWORD_MIN} ký tự`);
  if (length > PASSWORD_MAX)
    return problem('password_too_long', `at most ${PASSWORD_MAX} characters`, `tối đa ${PASSWORD_MAX} ký tự`);
  const lower = p.toLowerCase();
  const core = lower.replace(/[\d\s!@#$%^&*._-]+$/u, '').replace(/^[\d\s!@#$%^&*._-]+/u, '');
  const list = commonPasswords();
  if (list.has(lower) || (core.length >= 4 && list.has(core)) || isRepeat(lower, list))
    return problem(
      'password_common',
      'not a common or breached password',
      'không phải mật khẩu phổ biến hoặc đã bị lộ',
    );
  const compact = lower.replace(/[\s._-]+/g, '');
  const names = [context.username, ...(context.displayName ?? '').split(/\s+/)]
    .map((w) => (w ?? '').toLowerCase().replace(/[\s._-]+/g, ''))
    .filter((w) => w.length >= 4);
  if (CONTEXT_WORDS.some((w) => compact.includes(w)) || names.some((n) => compact.includes(n)))
    return problem(
      'password_contextual',
      'not built from your name or the product’s name',
      'không chứa tên của bạn hoặc tên hệ thống',
    );
  return null;
}

/** `abcabcabcabc` or `passwordpassword`: one short unit repeated, or a listed password repeated. */
function isRepeat(p: string, list: Set<string>): boolean {
  for (let n = 1; n <= p.length / 2; n++) {
    if (p.length % n !== 0) continue;
    const unit = p.slice(0, n);
    if (unit.repeat(p.length / n) === p && (n <= 4 || list.has(unit))) return true;
  }
  return false;
}

function problem(code: PasswordProblem['code'], en: string, vi: string): PasswordProblem {
  return { code, en: `The password must be ${en}.`, vi: `Mật khẩu phải ${vi}.` };
}
