/** Audit sentences of personal API tokens (src/features/api-tokens; issue 13 item 6, ADR 039). */
import type { SentenceContext } from './context.js';

interface Spec {
  label: string;
  sentence: (c: SentenceContext) => string;
}

/** "của mình" when the actor is the account's holder, else "của tài khoản "…"". */
const owner = (c: SentenceContext) =>
  c.row.actor && c.account.startsWith(`tài khoản "${c.row.actor.username}"`)
    ? 'của mình'
    : `của ${c.account}`;
const token = (c: SentenceContext) => {
  const name = c.text('name');
  const prefix = c.text('prefix');
  return `mã truy cập API${name ? ` "${name}"` : ''}${prefix ? ` (${prefix}…)` : ''}`;
};

export const API_TOKEN_ACTIONS: Record<string, Spec> = {
  'api_token.create': {
    label: 'Tạo mã truy cập API',
    sentence: (c) => {
      const until = c.dateTime(c.a.expiresAt);
      return `${c.who} tạo ${token(c)} ${owner(c)}${until ? `, hiệu lực đến ${until}` : ''}`;
    },
  },
  'api_token.revoke': {
    label: 'Thu hồi mã truy cập API',
    sentence: (c) => `${c.who} thu hồi ${token(c)} ${owner(c)}`,
  },
  'api_token.revoke_all': {
    label: 'Thu hồi mọi mã truy cập API',
    sentence: (c) => {
      const why = c.a.reason === 'disabled' ? 'khóa tài khoản' : 'đặt lại mật khẩu';
      return `${c.who} ${why}: ${c.num(c.a.count)} mã truy cập API ${owner(c)} bị thu hồi`;
    },
  },
};
