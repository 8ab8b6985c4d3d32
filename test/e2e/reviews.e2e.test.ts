/**
 * Browser journey through a periodic review (issue 9 item 4): the ward office (`danguy`) opens
 * "Sơ kết, tổng kết" from the ward's page, starts a 3-year draft of Chỉ thị 10-CT/TU, writes the
 * opening section, saves, previews the statistics and downloads the Word file, which carries the
 * statistics sentences ("… chiếm tỷ lệ …%") and the section as written; the same editor on a phone.
 * Runs the BUILT app (`npm run build` first).
 */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { loginAs } from './support/browser.js';
import { setupJourney } from './support/journey.js';

const { session, apiAs, shot, problems } = setupJourney();

const OPENING =
  'Ngay sau khi có Chỉ thị 10-CT/TU, Ban Thường vụ Đảng ủy phường đã ban hành kế hoạch thực hiện, tổ chức quán triệt đến 100% chi bộ trực thuộc.';

describe('periodic review in the browser', () => {
  it('danguy drafts a 3-year review, writes a section, saves and downloads the Word file', async () => {
    const staff = await apiAs('danguy');
    const me = (await (await staff.request.get('/api/me')).json()) as { homeUnitId: number };

    const page = await session();
    await loginAs(page, 'danguy');
    await page.goto(`/don-vi/${me.homeUnitId}`);
    await page.getByTestId('open-reviews').click();
    await page.waitForURL(/\/bao-cao$/);
    await page.getByTestId('review-new').click();
    await page
      .getByLabel('Tên báo cáo')
      .fill('Sơ kết 3 năm thực hiện Chỉ thị 10-CT/TU về nâng cao chất lượng sinh hoạt chi bộ');
    await page.getByLabel('Văn bản được sơ kết, tổng kết').fill('Chỉ thị 10-CT/TU');
    await expect
      .poll(() => page.getByTestId('review-period').textContent())
      .toMatch(/^Từ 01\/\d{4} đến 12\/\d{4}$/);
    await page.getByTestId('review-create-submit').click();
    await page.waitForURL(/\/bao-cao\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/').pop());

    await page.getByLabel('Số, ký hiệu').fill('45-BC/ĐU');
    await page.getByLabel('Họ tên người ký').fill('Nguyễn Văn Bình');
    await page.getByTestId('section-opening').fill(OPENING);
    await expect.poll(() => page.getByTestId('review-save-state').textContent()).toBe('Có thay đổi chưa lưu');
    await page.getByTestId('review-save').click();
    await expect.poll(() => page.getByTestId('review-save-state').textContent()).toMatch(/^Đã lưu lúc/);
    const saved = (await (await staff.request.get(`/api/reviews/${id}`)).json()) as {
      sections: { opening: string };
    };
    expect(saved.sections.opening).toBe(OPENING);

    await page.getByRole('button', { name: 'Xem số liệu' }).click();
    await page.getByTestId('review-statistics').getByText('chiếm tỷ lệ', { exact: false }).first().waitFor();
    await page.getByTestId('section-opening').scrollIntoViewIfNeeded();
    await shot(page, 'so-ket-soan-thao');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('review-download-docx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^Bao-cao-du-thao-.*\.docx$/);
    const zip = await JSZip.loadAsync(readFileSync((await download.path())!));
    const xml = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(xml).toContain('chiếm tỷ lệ');
    expect(xml).toContain(OPENING);
    expect(xml).toContain('Số 45-BC/ĐU');

    const phone = await session({ mobile: true });
    await loginAs(phone, 'danguy');
    await phone.goto(`/bao-cao/${id}`);
    await phone.getByTestId('section-opening').waitFor();
    await expect.poll(() => phone.getByTestId('section-opening').inputValue()).toBe(OPENING);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(phone, 'so-ket-dien-thoai');

    expect(problems).toEqual([]);
  }, 240_000);
});
