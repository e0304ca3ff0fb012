import { constantTimeEqual, fromHex, toHex } from './bytes';
import { sha256, type Bytes } from './primitives';

/** The fingerprint of a public key: lowercase hex SHA-256 of its SPKI bytes (what clients pin). */
export async function fingerprint(spki: Bytes): Promise<string> {
  return toHex(await sha256(spki));
}

/** A fingerprint for people to compare: uppercase, in 16 groups of 4 ("1A2B 3C4D …"). */
export function displayFingerprint(hex: string): string {
  return hex.toUpperCase().replace(/(.{4})(?!$)/g, '$1 ');
}

/** True when two hex fingerprints are equal, compared in constant time and case-insensitively. */
export function sameFingerprint(a: string, b: string): boolean {
  try {
    return constantTimeEqual(fromHex(a), fromHex(b));
  } catch {
    return false;
  }
}
