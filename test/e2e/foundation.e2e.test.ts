/**
 * Browser journeys through the foundation screens, as the people in DOMAIN.md §1 take them:
 * a cell secretary on a laptop and on a phone, the ward committee's office staff, and a plain
 * member. Runs the BUILT app (`npm run build` first) with the demo organisation.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sortByVietnameseName, stripDiacritics } from '../../src/domain/vietnamese.js';
import { loginAs } from './support/browser.js';
import { setupJourney } from './support/journey.js';

/** Script errors and CSP refusals seen in any page: the strict CSP must not break the app. */
const { session, apiAs, shot, problems: pageProblems } = setupJourney();

interface ApiUnit {
  id: number;
  name: string;
}

async function visibleNames(page: Page): Promise<string[]> {
  return (await page.getByTestId('member-name').allInnerTexts()).map((s) => s.trim());
}

describe('chibo foundation screens', () => {
  it('shows the login page in Vietnamese and refuses a wrong password with the server message', async () => {
    const page = await session();
    await page.goto('/don-vi/1');
    await page.waitForURL(/\/dang-nhap/);
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await expect.poll(() => page.title()).toBe('chibo — Sinh hoạt chi bộ');
    await shot(page, 'dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill('bithu1');
    await page.locator('input[type="password"]').fill('sai-mat-khau-1');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('không đúng');
  });

  it('a cell secretary lands on their cell, sees members in Vietnamese name order, and not another cell', async () => {
    const page = await session();
    await loginAs(page, 'bithu1');
    await page.waitForURL(/\/don-vi\/\d+$/);
    await expect.poll(() => page.getByTestId('unit-name').textContent()).toBe('Chi bộ Khu phố 1');
    await page.getByTestId('member-name').first().waitFor();
    await expect.poll(() => page.getByTestId('user-name').textContent()).toBe('Nguyễn Thị An');
    expect(await page.getByTestId('user-roles').textContent()).toContain('Bí thư / Phó bí thư chi bộ');

    const names = await visibleNames(page);
    expect(names.length).toBeGreaterThan(20);
    // Vietnamese order: by given name, then family and middle names (DOMAIN.md §3) …
    expect(names).toEqual(sortByVietnameseName(names, (n) => n));
    // … which is not the order of the full strings (the demo has An/Anh/Ánh/Ân with varied family names).
    expect(names).not.toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi')));
    expect(names).not.toEqual([...names].sort((a, b) => a.localeCompare(b)));
    // Numbers in the counts use the Vietnamese format.
    expect(Number(await page.getByTestId('count-total-value').textContent())).toBeGreaterThan(0);
    await shot(page, 'don-vi-may-tinh');

    // Another cell of the ward is outside the secretary's scope: the API answers 404, the page says so.
    const staff = (await apiAs('danguy')).request;
    const ward = (await (await staff.get('/api/me')).json()) as { homeUnitId: number };
    const children = (await (await staff.get(`/api/org-units/${ward.homeUnitId}/children`)).json()) as {
      items: ApiUnit[];
    };
    const other = children.items.find((u) => u.name === 'Chi bộ Khu phố 2');
    expect(other).toBeDefined();
    const [answer] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === `/api/org-units/${other!.id}`),
      page.goto(`/don-vi/${other!.id}`),
    ]);
    expect(answer.status()).toBe(404);
    await page.getByTestId('not-found').waitFor();
    expect(await page.getByTestId('not-found').textContent()).toContain(
      'Không tìm thấy đơn vị hoặc bạn không có quyền xem.',
    );
    await page.getByRole('link', { name: 'Về trang chủ' }).click();
    await expect.poll(() => page.getByTestId('unit-name').textContent()).toBe('Chi bộ Khu phố 1');
  });

  it('the ward office browses the tree, creates a cell, adds a member, records an exemption, exports, imports, manages accounts and reads the log', async () => {
    const page = await session();
    await loginAs(page, 'danguy');
    await expect.poll(() => page.getByTestId('unit-name').textContent()).toBe('Đảng bộ phường An Hội');
    await page.getByTestId('children-table').waitFor();
    await shot(page, 'cay-don-vi');

    // Tree → a cell.
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: /^Chi bộ Khu phố 2/ }).click();
    await expect.poll(() => page.getByTestId('unit-name').textContent()).toBe('Chi bộ Khu phố 2');
    const totalToday = await page.getByTestId('count-total-value').textContent();

    // Counts on another day: the first day of the previous month, picked in the calendar.
    const now = new Date(Date.now() + 7 * 3600_000);
    const prev = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    const label = `01/${String(prev.getUTCMonth() + 1).padStart(2, '0')}/${prev.getUTCFullYear()}`;
    // The calendar names a day as its button shows it, unpadded (ADR 041): "1/11/2026".
    const dayName = label.replace(/^0/, '');
    const iso = `${prev.getUTCFullYear()}-${String(prev.getUTCMonth() + 1).padStart(2, '0')}-01`;
    await page.getByRole('button', { name: /Tính đến ngày/ }).click();
    await page.locator('[data-direction="previous"]').first().click();
    const [dated] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/org-units/') && r.url().includes(`date=${iso}`)),
      page.getByRole('button', { name: dayName, exact: true }).click(),
    ]);
    expect(dated.status()).toBe(200);
    await page.waitForURL(new RegExp(`ngay=${iso}`));
    await expect.poll(() => page.getByText(`Tính đến ngày ${label}.`).count()).toBe(1);
    expect(totalToday).toMatch(/^\d[\d.]*$/);

    // Back to the ward; create a new cell.
    await page.getByRole('link', { name: 'Đảng bộ phường An Hội' }).first().click();
    await expect.poll(() => page.getByTestId('unit-name').textContent()).toBe('Đảng bộ phường An Hội');
    await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Tên đơn vị').fill('Chi bộ Khu phố 6');
    await dialog.getByRole('combobox', { name: 'Loại hình chi bộ' }).click();
    await page.getByRole('option', { name: 'Khu dân cư đô thị (tổ dân phố, khu phố)' }).click();
    await dialog.getByRole('button', { name: 'Thêm đơn vị' }).click();
    await expect.poll(() => page.getByTestId('unit-name').textContent()).toBe('Chi bộ Khu phố 6');
    const cellUrl = page.url();

    // Add a member to it.
    await page.getByRole('link', { name: 'Thêm đảng viên' }).click();
    await page.getByLabel('Họ và tên').fill('Trương Thị Ánh');
    await page.getByLabel('Ngày sinh').fill('15/03/1980');
    await page.getByLabel('Ngày vào Đảng').fill('03/02/2010');
    await page.getByLabel('Ngày chính thức').fill('03/02/2011');
    await page.getByLabel('Số CCCD').fill('083180009876');
    await page.getByLabel('Số điện thoại').fill('0912345678');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'them-dang-vien');
    await page.getByRole('button', { name: 'Thêm đảng viên' }).click();
    await page.waitForURL(/\/dang-vien\/\d+$/);
    await expect.poll(() => page.getByTestId('member-fullname').textContent()).toBe('Trương Thị Ánh');
    expect(await page.getByTestId('field-birthDate').textContent()).toContain('15/03/1980');

    // Record an exemption, with a date picked in the calendar.
    await page.getByRole('button', { name: 'Ghi nhận thay đổi' }).click();
    await page.getByRole('menuitem', { name: 'Miễn sinh hoạt' }).click();
    const form = page.getByTestId('status-change-form');
    await form.getByRole('button', { name: /Miễn sinh hoạt từ ngày/ }).click();
    const today = `${String(now.getUTCDate()).padStart(2, '0')}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${now.getUTCFullYear()}`;
    // A day's name in the calendar: the day unpadded, as the button shows it (ADR 041).
    await page.getByRole('button', { name: today.replace(/^0/, ''), exact: true }).click();
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    // Vietnamese validation before anything is sent: the reason is required.
    await expect.poll(() => form.getByText('Cần ghi lý do miễn sinh hoạt').count()).toBeGreaterThan(0);
    await form.getByLabel('Lý do').fill('Tuổi cao, sức khỏe yếu, có đơn đề nghị');
    await shot(page, 'ghi-nhan-thay-doi');
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByText('Miễn sinh hoạt', { exact: true }).count()).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByText(`Miễn sinh hoạt từ ${today}`, { exact: false }).count())
      .toBeGreaterThan(0);
    await shot(page, 'dang-vien');

    // Export the cell's list: an .xlsx whose name has no diacritics.
    await page.goto(cellUrl);
    await page.getByTestId('member-name').first().waitFor();
    // "Xuất Excel" opens the export dialog (ADR 028); a cell's list is small: "Tải ngay".
    await page.getByRole('button', { name: 'Xuất Excel' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải ngay' }).click(),
    ]);
    await page.keyboard.press('Escape');
    const fileName = download.suggestedFilename();
    expect(fileName).toMatch(/\.xlsx$/);
    expect(fileName).toBe(stripDiacritics(fileName));
    expect(fileName).toMatch(/^[A-Za-z0-9._-]+$/);

    // Import a file with mistakes: errors per row and column, and nothing can be written.
    await page.getByRole('link', { name: 'Nhập từ Excel' }).click();
    await page.waitForURL(/\/nhap-dang-vien$/);
    const csv = [
      'Họ và tên,Ngày sinh,Ngày vào Đảng,Ngày chính thức,Số CCCD,Số điện thoại',
      'Lê Văn Bình,12/05/1975,10/10/2000,10/10/2001,083175001111,0987654321',
      'Phạm Thị Cúc,31/02/1980,01/06/2005,01/06/2006,08318000222,0987654322',
      ',01/01/1990,02/02/2015,,083190003333,0987654323',
    ].join('\n');
    await page.locator('input[type="file"]').setInputFiles({
      name: 'danh-sach-dang-vien.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();
    await page.getByTestId('import-errors').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-errors').locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    expect(await page.getByTestId('import-explain').textContent()).toContain('tất cả');
    await shot(page, 'nhap-excel-loi');

    // A corrected file goes in, all rows at once.
    await page.getByRole('button', { name: 'Chọn tệp khác' }).click();
    const good = [
      'Họ và tên,Ngày sinh,Ngày vào Đảng,Ngày chính thức,Số CCCD',
      'Lê Văn Bình,12/05/1975,10/10/2000,10/10/2001,083175001111',
      'Phạm Thị Cúc,28/02/1980,01/06/2005,01/06/2006,083180002222',
    ].join('\n');
    await page.locator('input[type="file"]').setInputFiles({
      name: 'danh-sach-da-sua.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(good, 'utf8'),
    });
    await page.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();
    await page.getByTestId('import-preview').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('import-commit').isEnabled()).toBe(true);
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-done').textContent()).toContain('Đã thêm 2');
    await page.getByRole('link', { name: 'Về trang đơn vị' }).click();
    await expect.poll(async () => (await visibleNames(page)).length).toBe(3);
    const imported = await visibleNames(page);
    expect(imported).toEqual(sortByVietnameseName(imported, (n) => n));

    // Accounts of the ward.
    await page.getByRole('navigation').getByRole('link', { name: 'Tài khoản' }).click();
    await page.getByTestId('users-table').waitFor();
    expect(await page.getByTestId('users-table').textContent()).toContain('bithu1');
    expect(await page.getByTestId('users-table').textContent()).toContain('Bí thư / Phó bí thư chi bộ');
    await shot(page, 'tai-khoan');

    // The audit log tells, in Vietnamese, what was done today.
    await page.getByRole('navigation').getByRole('link', { name: 'Nhật ký' }).click();
    await page.getByTestId('audit-table').waitFor();
    const log = (await page.getByTestId('audit-table').textContent()) ?? '';
    expect(log).toContain('Thêm đơn vị');
    expect(log).toContain('Thêm đảng viên');
    expect(log).toContain('Miễn sinh hoạt');
    expect(log).toContain('Nhập đảng viên từ tệp');
    expect(log).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await page.getByRole('button', { name: 'Xem chi tiết' }).first().click();
    await page.getByTestId('audit-changes').first().waitFor();
    await shot(page, 'nhat-ky');
  });

  it('a member sees their own record with their CCCD, and the cell list without others’ CCCD or phone', async () => {
    const page = await session();
    await loginAs(page, 'dangvien1');
    // A plain member lands on "Của tôi" (ADR 036); their record is one link away.
    await page.waitForURL((u) => u.pathname === '/cua-toi');
    await page.getByRole('navigation').getByRole('link', { name: 'Hồ sơ của tôi' }).click();
    await page.waitForURL(/\/dang-vien\/\d+$/);
    const me = (await (await page.request.get('/api/me')).json()) as {
      member: { id: number; unitId: number; nationalId: string; phone: string };
    };
    expect(me.member.nationalId).toMatch(/^\d{12}$/);
    await page.getByTestId('field-nationalId').waitFor();
    expect(await page.getByTestId('field-nationalId').textContent()).toContain(me.member.nationalId);
    await shot(page, 'ho-so-cua-toi');

    await page.getByRole('link', { name: 'Chi bộ Khu phố 1' }).first().click();
    await page.getByTestId('members-table').waitFor();
    const headers = await page.getByTestId('members-table').locator('thead th').allInnerTexts();
    expect(headers).not.toContain('Số thẻ');
    expect(headers).not.toContain('SĐT');
    await page.locator('#members').scrollIntoViewIfNeeded();
    await shot(page, 'chi-bo-dang-vien');

    // What the registry holds for the others, read as the office staff: none of it reaches this page.
    const staff = (await apiAs('danguy')).request;
    const list = (await (await staff.get(`/api/org-units/${me.member.unitId}/members?limit=200`)).json()) as {
      items: { id: number; nationalId?: string | null; phone?: string | null; cardNumber?: string | null }[];
    };
    const others = list.items.filter((m) => m.id !== me.member.id);
    const html = await page.content();
    for (const m of others) {
      if (m.nationalId) expect(html).not.toContain(m.nationalId);
      if (m.phone) expect(html).not.toContain(m.phone);
    }
    // And the API itself withholds them (the UI does not merely hide a column).
    const seen = (await (
      await page.request.get(`/api/org-units/${me.member.unitId}/members?limit=200`)
    ).json()) as {
      items: Record<string, unknown>[];
    };
    for (const m of seen.items.filter((x) => x.id !== me.member.id)) {
      expect(m).not.toHaveProperty('nationalId');
      expect(m).not.toHaveProperty('phone');
    }
  });

  it('after a reload writes still carry the CSRF token, and an ended session leads back to the login page', async () => {
    const page = await session();
    await loginAs(page, 'bithu1');
    await page.getByTestId('member-name').first().waitFor();
    await page.reload();
    await page.getByTestId('member-name').first().waitFor();
    // A write after the reload: wrong current password → the server's field message, not a CSRF refusal.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Đổi mật khẩu' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Mật khẩu hiện tại' }).fill('khong-phai-mat-khau-1');
    await dialog.getByRole('textbox', { name: 'Mật khẩu mới', exact: true }).fill('MatKhauMoi2026');
    await dialog.getByRole('textbox', { name: 'Nhập lại mật khẩu mới' }).fill('MatKhauMoi2026');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/me/password')),
      dialog.getByRole('button', { name: 'Đổi mật khẩu' }).click(),
    ]);
    expect(res.status()).toBe(400);
    await expect.poll(() => dialog.getByText('Mật khẩu hiện tại không đúng.').count()).toBe(1);
    await page.keyboard.press('Escape');

    // The session ends elsewhere (here: the logout endpoint with the same cookie); the next call answers 401.
    await page.request.post('/api/auth/logout');
    const myRecord = page.getByRole('navigation').getByRole('link', { name: 'Hồ sơ của tôi' });
    const target = await myRecord.getAttribute('href');
    await myRecord.click();
    await page.waitForURL(/\/dang-nhap\?next=/);
    await page.getByLabel('Tên đăng nhập').fill('bithu1');
    await page.locator('input[type="password"]').fill('chibo-demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    // Back where the person was going.
    await page.waitForURL((u) => u.pathname === target);
    await expect.poll(() => page.getByTestId('member-fullname').textContent()).toBe('Nguyễn Thị An');
  });

  it('on a phone the secretary gets cards, a menu button and no sideways scrolling', async () => {
    const page = await session({ mobile: true });
    await loginAs(page, 'bithu1');
    await page.getByTestId('members-cards').waitFor();
    expect(await page.getByTestId('members-table').count()).toBe(0);
    const names = await visibleNames(page);
    expect(names).toEqual(sortByVietnameseName(names, (n) => n));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const fontSize = await page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(16);
    await shot(page, 'don-vi-dien-thoai');
    await page.locator('#members').scrollIntoViewIfNeeded();
    await shot(page, 'danh-sach-dien-thoai');
    await page.evaluate(() => window.scrollTo(0, 0));

    await page.getByRole('button', { name: 'Mở menu' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Hồ sơ của tôi' }).waitFor();
    await page.waitForTimeout(500); // the menu slides in
    await shot(page, 'menu-dien-thoai');
    await page.getByRole('navigation').getByRole('link', { name: 'Hồ sơ của tôi' }).click();
    await page.waitForURL(/\/dang-vien\/\d+$/);
    await expect.poll(() => page.getByTestId('member-fullname').textContent()).toBe('Nguyễn Thị An');
  });

  it('ran every page without script errors or CSP refusals', () => {
    expect(pageProblems).toEqual([]);
  });
});
