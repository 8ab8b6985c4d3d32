/**
 * The one form of a username that logins, limits and the audit log compare: trimmed, Unicode NFC
 * (a name typed on a phone may arrive decomposed), lower case. "BiThu1 " and "bithu1" are the same
 * account and share one failure count.
 */
export function normalizeUsername(raw: string): string {
  return raw.normalize('NFC').trim().toLowerCase();
}
