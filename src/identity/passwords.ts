import argon2 from 'argon2';

/** Hashes a password with argon2id and the library's default cost. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** Checks a password against a stored argon2 hash; a malformed hash never matches. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// A fixed hash to verify against when the user does not exist, so that a
// login for an unknown name takes as long as one with a wrong password.
let decoyHash: Promise<string> | undefined;

/** Spends the time of one verification without a user. */
export async function verifyDecoy(password: string): Promise<false> {
  decoyHash ??= hashPassword('decoy password never used');
  await verifyPassword(await decoyHash, password);
  return false;
}
