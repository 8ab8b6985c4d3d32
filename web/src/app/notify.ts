import { notifications } from '@mantine/notifications';
import { ApiError } from '../api/client.js';
import { vi } from '../i18n/vi.js';

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', title: vi.app.saved, message, autoClose: 4000 });
}

/** Shows the server's Vietnamese message (or a generic one) in a red notification. */
export function notifyError(e: unknown, title: string = vi.app.error): void {
  const message = e instanceof ApiError ? e.message : 'Đã có lỗi. Vui lòng thử lại.';
  notifications.show({ color: 'red', title, message, autoClose: 8000 });
}
