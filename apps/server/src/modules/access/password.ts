import { hash, verify } from '@node-rs/argon2';

// argon2id with the OWASP minimum parameters (m=19 MiB, t=2, p=1).
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Hash a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Verify a password against an argon2 hash; a malformed hash counts as a mismatch. */
export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;
/** A hash to verify against when the user does not exist, so that timing does not reveal which part was wrong. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('regionlink-no-such-user');
  return dummyHash;
}
