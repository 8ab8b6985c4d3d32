/** The rules of personal API tokens (ADR 039), in one place. */
export const API_TOKEN_RULES = {
  /** Every secret starts so, which lets secret scanners and the auth hook recognise it. */
  secretPrefix: 'chibo_pat_',
  /** Random bytes of a secret (base64url after the prefix): 256 bits. */
  secretBytes: 32,
  /** Characters of the secret kept and shown in lists: the prefix and 6 random characters (36 bits). */
  shownChars: 'chibo_pat_'.length + 6,
  /** Lifetime when none is asked for, and the longest one may ask for, in days. */
  defaultDays: 365,
  maxDays: 730,
  /** Tokens in force per account (not revoked, not expired). */
  maxActivePerUser: 20,
  /** `last_used_at` is written at most this often per token. */
  touchIntervalMs: 60_000,
  nameMaxLength: 100,
  /**
   * Tokens a list shows: every one in force (at most maxActivePerUser) first, then the newest
   * ended ones; the answer's `total` counts them all, and the page says when some are not shown.
   */
  listLimit: 50,
} as const;

export const INVALID_TOKEN_MESSAGE =
  'Mã truy cập API không hợp lệ, đã hết hạn hoặc đã bị thu hồi. Hãy tạo mã mới trên trang "Mã truy cập API".';
export const TOKEN_CANNOT_MINT_MESSAGE =
  'Không thể tạo mã truy cập API bằng một mã truy cập API; hãy đăng nhập bằng trình duyệt để tạo mã mới.';
