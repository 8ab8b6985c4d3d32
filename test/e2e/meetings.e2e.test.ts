/**
 * Browser journey through the meeting cycle (DOMAIN.md §4, HD 42), as the people of a
 * residential cell take it: the bí thư plans, prepares and runs a meeting on a laptop while two
 * members check in from their own phones, records a speech, a vote and a task, marks the others'
 * attendance, ends the meeting, signs, adopts and downloads the minutes; a member then finds the
 * meeting, the adopted minutes and their task on their own page. Runs the BUILT app.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { stripDiacritics } from '../../src/domain/vietnamese.js';
import { setupJourney } from './support/journey.js';

/** Script errors and CSP refusals seen in any page: the strict CSP must not break the app. */
const { session, apiAs, shot, problems: pageProblems } = setupJourney();

/** Fills the login form the app shows (after a redirect that keeps ?next=). */
async function fillLogin(page: Page, username: string, password = 'chibo-demo') {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.locator('input[type="password"]').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
}

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Picks an option of a Mantine Select / MultiSelect by typing part of its label. */
async function pick(page: Page, scope: Page | ReturnType<Page['getByRole']>, label: string, option: string) {
  const input = scope.getByRole('textbox', { name: label }).or(scope.getByRole('combobox', { name: label }));
  await input.first().click();
  await input.first().fill(option);
  await page.getByRole('option', { name: option, exact: true }).first().click();
}

async function savedDownload(d: Download): Promise<Buffer> {
  const p = await d.path();
  return readFileSync(p);
}

interface ApiMember {
  id: number;
  fullName: string;
  status: { rank: string | null; exempted: unknown; temporaryOut: unknown; ended: unknown };
  relation?: string;
}

mkdirSync('test-results', { recursive: true });

describe('meeting cycle in the browser', () => {
  it('a meeting planned 40 days ahead cannot be started: the page says when it can, and offers to reschedule to now; a false start is taken back', async () => {
    const bithu = await apiAs('bithu1');
    const me = (await (await bithu.request.get('/api/me')).json()) as { homeUnitId: number };
    const ahead = new Date(Date.now() + 40 * 86_400_000 + 7 * 3600_000).toISOString().slice(0, 10);
    const made = await bithu.request.post(`/api/org-units/${me.homeUnitId}/meetings`, {
      headers: bithu.csrf,
      data: {
        kind: 'extraordinary',
        scheduledAt: `${ahead}T19:30:00+07:00`,
        title: 'Sinh hoạt bất thường (lên lịch trước 40 ngày)',
      },
    });
    expect(made.status()).toBe(201);
    const { id } = (await made.json()) as { id: number };
    // Through the API: a clear Vietnamese refusal with its own code.
    const refused = await bithu.request.post(`/api/meetings/${id}/start`, { headers: bithu.csrf });
    expect(refused.status()).toBe(409);
    const body = (await refused.json()) as { code: string; message: string };
    expect(body.code).toBe('MEETING_START_OUTSIDE_WINDOW');
    expect(body.message).toMatch(/chỉ bắt đầu được từ/);

    // The phone first (it only looks); then the laptop reschedules it to now.
    for (const mobile of [true, false]) {
      const page = await session({ mobile });
      await page.goto('/dang-nhap');
      await fillLogin(page, 'bithu1');
      await page.goto(`/sinh-hoat/${id}?muc=dieu-hanh`);
      await page.getByTestId('start-window').waitFor();
      expect(await page.getByTestId('start-window').textContent()).toMatch(/chỉ bắt đầu được từ/);
      expect(await page.getByTestId('start-meeting').count()).toBe(0);
      await page.getByTestId('reschedule-start').waitFor();
      await noSidewaysScroll(page);
      await shot(page, mobile ? 'bat-dau-som-dien-thoai' : 'bat-dau-som');
      if (mobile) continue;
      // Rescheduled to now with a reason, it starts; nothing recorded yet, it goes back to planned.
      await page.getByTestId('reschedule-start').click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: 'Dời lịch sang bây giờ và bắt đầu' })
        .click();
      expect(await page.getByRole('dialog').textContent()).toContain('Cần ghi lý do');
      await page.getByTestId('reschedule-reason').fill('Chi bộ họp bất thường ngay hôm nay');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: 'Dời lịch sang bây giờ và bắt đầu' })
        .click();
      await expect.poll(() => page.getByTestId('meeting-status').first().textContent()).toBe('Đang họp');
      await page.getByTestId('revert-start').click();
      await page.getByTestId('revert-reason').fill('Bắt đầu nhầm buổi');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /Trở lại chưa họp/ })
        .click();
      await expect
        .poll(() => page.getByTestId('meeting-status').first().textContent())
        .toBe('Đã lên kế hoạch');
    }
  });

  it('the bí thư plans and runs a meeting, two members check in from their phones, the minutes are adopted and reach a member', async () => {
    const started = Date.now();
    const step = (name: string) => console.log(`${((Date.now() - started) / 1000).toFixed(1)} s  ${name}`);
    // ---- Facts and a second member account, through the API as the ward office -------------
    const staff = await apiAs('danguy');
    const ward = (await (await staff.request.get('/api/me')).json()) as { homeUnitId: number };
    const children = (await (
      await staff.request.get(`/api/org-units/${ward.homeUnitId}/children`)
    ).json()) as {
      items: { id: number; name: string }[];
    };
    const kp1 = children.items.find((u) => u.name === 'Chi bộ Khu phố 1')!;
    expect(kp1).toBeDefined();
    const members = (
      (await (await staff.request.get(`/api/org-units/${kp1.id}/members?limit=200`)).json()) as {
        items: ApiMember[];
      }
    ).items;
    const users = (
      (await (await staff.request.get(`/api/org-units/${kp1.id}/users`)).json()) as {
        items: { memberId: number | null }[];
      }
    ).items;
    const withAccount = new Set(users.map((u) => u.memberId));
    const regular = members.filter(
      (m) =>
        m.status.rank === 'official' &&
        !m.status.exempted &&
        !m.status.temporaryOut &&
        !m.status.ended &&
        m.relation !== 'temporary_in' &&
        m.relation !== 'contact_213' &&
        !withAccount.has(m.id),
    );
    const second = regular[0]!;
    const minuteTaker = regular[1]!;
    const absentee = regular[2]!;
    const created = await staff.request.post('/api/users', {
      headers: staff.csrf,
      data: {
        username: 'dangvien2',
        displayName: second.fullName,
        password: 'ChiboDemo2026',
        memberId: second.id,
        grants: [{ role: 'member', orgUnitId: kp1.id }],
      },
    });
    expect(created.status()).toBe(201);
    const dv1 = await apiAs('dangvien1');
    const dv1Name = ((await (await dv1.request.get('/api/me')).json()) as { member: { fullName: string } })
      .member.fullName;

    step("bí thư: the cell's");
    // ---- bí thư: the cell's meetings, the regular schedule and the thematic plan -------------
    const secretary = await session();
    await secretary.goto('/dang-nhap');
    await fillLogin(secretary, 'bithu1');
    await expect.poll(() => secretary.getByTestId('unit-name').textContent()).toBe('Chi bộ Khu phố 1');
    await secretary.getByTestId('unit-meetings').waitFor();
    await secretary.getByRole('button', { name: 'Lịch sinh hoạt' }).click();
    const plan = secretary.getByRole('dialog');
    await plan.getByTestId('series-current').waitFor();
    if ((await plan.getByTestId('series-current').textContent()) === 'Chưa đặt lịch thường kỳ.') {
      await plan.getByLabel('Ngày trong tháng').fill('10');
      await plan.getByLabel('Giờ', { exact: true }).fill('19');
      await plan.getByLabel('Phút', { exact: true }).fill('30');
      await plan.getByLabel('Địa điểm').fill('Nhà văn hóa Khu phố 1');
      await plan.getByRole('button', { name: 'Lưu lịch thường kỳ' }).click();
      await expect
        .poll(() => plan.getByTestId('series-current').textContent())
        .toBe('Ngày 10 hằng tháng, lúc 19:30, tại Nhà văn hóa Khu phố 1');
    }
    const now = new Date(Date.now() + 7 * 3600_000);
    const quarter = Math.floor(now.getUTCMonth() / 3) + 1;
    const topicInput = plan.getByTestId(`thematic-topic-${quarter}`);
    await topicInput.click();
    await topicInput.fill('');
    await secretary.getByRole('option').first().click();
    const topic = await topicInput.inputValue();
    expect(topic.length).toBeGreaterThan(10);
    await plan.getByRole('button', { name: 'Lưu kế hoạch chuyên đề' }).click();
    await secretary.getByText('Đã lưu kế hoạch chuyên đề').waitFor();
    await shot(secretary, 'sinh-hoat-lich');
    await secretary.keyboard.press('Escape');
    await plan.waitFor({ state: 'detached' });
    await secretary.locator('#sinh-hoat').scrollIntoViewIfNeeded();
    await secretary.evaluate(() => {
      const el = document.getElementById('sinh-hoat');
      if (el) window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 80);
    });
    await shot(secretary, 'sinh-hoat-danh-sach');

    step('a meeting for now');
    // ---- a meeting for now, prepared ----------------------------------------------------------
    await secretary.getByRole('button', { name: 'Tạo buổi sinh hoạt' }).click();
    const form = secretary.getByTestId('create-meeting-form');
    await form.getByLabel('Địa điểm').fill('Nhà văn hóa Khu phố 1');
    await form.getByLabel('Tên buổi sinh hoạt').fill('Sinh hoạt chi bộ tháng này (thử nghiệm)');
    await form.getByRole('button', { name: 'Tạo buổi sinh hoạt' }).click();
    await secretary.waitForURL(/\/sinh-hoat\/\d+/);
    const meetingId = Number(new URL(secretary.url()).pathname.split('/').pop());
    await expect
      .poll(() => secretary.getByTestId('meeting-title').textContent())
      .toBe('Sinh hoạt chi bộ tháng này (thử nghiệm)');
    await pick(secretary, secretary.getByTestId('prepare-section'), 'Chủ trì', 'Nguyễn Thị An');
    await secretary.getByText('Đã lưu phân công').first().waitFor();
    await pick(secretary, secretary.getByTestId('prepare-section'), 'Thư ký', minuteTaker.fullName);
    await expect.poll(() => secretary.getByTestId('pick-secretary').inputValue()).toBe(minuteTaker.fullName);
    await secretary
      .getByLabel('Nội dung sinh hoạt')
      .fill('Đánh giá kết quả tháng qua; bàn nhiệm vụ tháng tới.');
    await secretary.getByRole('button', { name: 'Lưu nội dung' }).click();
    await expect
      .poll(() => secretary.getByTestId('prep-content').textContent())
      .toContain('Nội dung ghi lúc');
    await secretary
      .getByTestId('document-upload')
      .locator('input[type="file"]')
      .setInputFiles({
        name: 'Đề cương sinh hoạt tháng.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n% tai lieu thu\n'),
      });
    await secretary.getByRole('button', { name: 'Đăng tài liệu' }).click();
    await secretary
      .getByTestId('documents')
      .getByRole('link', { name: 'Đề cương sinh hoạt tháng' })
      .waitFor();
    await secretary.getByRole('button', { name: 'Gửi thông báo mời họp' }).click();
    await secretary.getByText(/Đã gửi thông báo tới \d+ tài khoản đảng viên/).waitFor();
    await expect
      .poll(() => secretary.getByTestId('prep-invitation_sent').textContent())
      .toContain('Đã gửi thông báo qua chibo lúc');
    // Who the invitation did not reach is named, with a printed invitation and sign-off list for them.
    const reach = secretary.getByTestId('invitation-reach');
    await expect.poll(() => reach.textContent()).toMatch(/\d+ đảng viên chưa nhận được thông báo qua chibo/);
    const reachApi = (await (await staff.request.get(`/api/meetings/${meetingId}`)).json()) as {
      invitation: { notReached: { fullName: string }[] };
    };
    expect(reachApi.invitation.notReached.map((p) => p.fullName)).toContain(minuteTaker.fullName);
    expect(await reach.textContent()).toContain(
      `${reachApi.invitation.notReached.length} đảng viên chưa nhận được thông báo qua chibo`,
    );
    expect(await reach.getByTestId('not-reached').textContent()).toMatch(/^Chưa có tài khoản chibo: /);
    const [invitations] = await Promise.all([
      secretary.waitForEvent('download'),
      reach.getByTestId('print-invitations').click(),
    ]);
    expect(invitations.suggestedFilename()).toMatch(/^Giay-moi.*\.pdf$/);
    const invitationPdf = await savedDownload(invitations);
    expect(invitationPdf.subarray(0, 5).toString()).toBe('%PDF-');
    writeFileSync('test-results/giay-moi.pdf', invitationPdf);
    await reach.scrollIntoViewIfNeeded();
    await shot(secretary, 'giay-moi-chua-co-tai-khoan');
    await secretary.evaluate(() => window.scrollTo(0, 0));
    await shot(secretary, 'sinh-hoat-chuan-bi');

    step('start; members');
    // ---- start; members check in from their own phones ----------------------------------------
    await secretary.getByRole('tab', { name: 'Điều hành' }).click();
    // Starting asks first (the roster is then fixed and the check-in code opened).
    await secretary.getByTestId('start-meeting').click();
    expect(await secretary.getByRole('dialog').textContent()).toContain(
      'Bắt đầu buổi sinh hoạt ngay bây giờ?',
    );
    await secretary.getByTestId('confirm-start').click();
    await secretary.getByTestId('checkin-code-digits').waitFor();
    const code = ((await secretary.getByTestId('checkin-code-digits').textContent()) ?? '').trim();
    expect(code).toMatch(/^\d{6}$/);
    const before = (await secretary.getByTestId('counter-present').textContent()) ?? '';
    const base = Number(before.split('/')[1]);
    expect(before).toBe(`0/${base}`);
    expect(base).toBeGreaterThan(10);

    step('ien1 scans');
    // dangvien1 scans the QR code: the link asks for a login, then comes back with the code filled.
    const member1 = await session({ mobile: true });
    await member1.goto(`/diem-danh/${meetingId}?ma=${code}`);
    await member1.waitForURL(/\/dang-nhap\?next=/);
    await fillLogin(member1, 'dangvien1');
    await member1.waitForURL((u) => u.pathname === `/diem-danh/${meetingId}`);
    await member1.getByRole('button', { name: 'Điểm danh' }).click();
    await expect.poll(() => member1.getByTestId('checkin-result').getAttribute('data-ok')).toBe('true');
    expect(await member1.getByTestId('checkin-result').textContent()).toContain('Đã điểm danh: có mặt');
    await noSidewaysScroll(member1);
    await shot(member1, 'diem-danh-dien-thoai');

    step('econd member types');
    // The second member types the code; a wrong one is refused in Vietnamese first.
    const member2 = await session({ mobile: true });
    await member2.goto(`/diem-danh/${meetingId}`);
    await fillLogin(member2, 'dangvien2', 'ChiboDemo2026');
    await member2.waitForURL((u) => u.pathname === `/diem-danh/${meetingId}`);
    const wrong = code === '111111' ? '222222' : '111111';
    await member2.getByTestId('checkin-input').locator('input').first().click();
    await member2.keyboard.type(wrong);
    await member2.getByRole('button', { name: 'Điểm danh' }).click();
    await expect.poll(() => member2.getByTestId('checkin-result').getAttribute('data-ok')).toBe('false');
    expect(await member2.getByTestId('checkin-result').textContent()).toContain('Mã điểm danh không đúng.');
    await member2.reload();
    await member2.getByTestId('checkin-input').locator('input').first().click();
    await member2.keyboard.type(code);
    await member2.getByRole('button', { name: 'Điểm danh' }).click();
    await expect.poll(() => member2.getByTestId('checkin-result').getAttribute('data-ok')).toBe('true');

    step("í thư's counters");
    // The bí thư's counters follow without a reload (the page polls while the meeting runs).
    await expect
      .poll(() => secretary.getByTestId('counter-present').textContent(), { timeout: 10_000 })
      .toBe(`2/${base}`);
    const row = (name: string) => secretary.locator(`[data-testid="attendance-row"][data-member="${name}"]`);
    await expect
      .poll(() => row(dv1Name).getByTestId('attendance-status').textContent())
      .toContain('tự điểm danh');

    step('attendance by');
    // ---- attendance by the bí thư ---------------------------------------------------------------
    await row('Nguyễn Thị An').getByRole('button', { name: 'Có mặt', exact: true }).click();
    await expect.poll(() => row('Nguyễn Thị An').getAttribute('data-status')).toBe('present');
    await row(minuteTaker.fullName).getByRole('button', { name: 'Đến muộn', exact: true }).click();
    await expect.poll(() => row(minuteTaker.fullName).getAttribute('data-status')).toBe('late');
    await row(absentee.fullName).getByRole('button', { name: 'Vắng có lý do', exact: true }).click();
    await row(absentee.fullName).getByLabel('Lý do vắng').fill('Ốm, có báo trước');
    await row(absentee.fullName).getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => row(absentee.fullName).getAttribute('data-status')).toBe('absent_excused');
    await expect.poll(() => secretary.getByTestId('counter-present').textContent()).toBe(`4/${base}`);

    step('ame list on');
    // The same list on the bí thư's phone.
    const phone = await session({ mobile: true });
    await phone.goto('/dang-nhap');
    await fillLogin(phone, 'bithu1');
    await phone.getByTestId('unit-meetings').waitFor();
    await noSidewaysScroll(phone);
    await phone.getByTestId('meeting-link').filter({ hasText: 'thử nghiệm' }).click();
    await phone.getByTestId('live-counters').waitFor();
    await noSidewaysScroll(phone);
    await shot(phone, 'sinh-hoat-dien-thoai');
    await phone.getByTestId('attendance').waitFor();
    await phone.getByTestId('attendance').scrollIntoViewIfNeeded();
    await phone.evaluate(() => {
      const el = document.querySelector('[data-testid="attendance"]');
      if (el) window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 70);
    });
    await shot(phone, 'diem-danh-danh-sach-dien-thoai');

    step('speech, vote');
    // ---- speech, vote, task -----------------------------------------------------------------------
    await secretary.getByTestId('add-speech').click();
    const speech = secretary.getByTestId('speech-form');
    await pick(secretary, speech, 'Người phát biểu', dv1Name);
    await speech.getByLabel('Tóm tắt ý kiến').fill('Đề nghị vận động các hộ phân loại rác tại nguồn.');
    await speech.getByRole('button', { name: 'Ghi ý kiến' }).click();
    await secretary.getByTestId('speeches').getByText('Đề nghị vận động các hộ phân loại rác').waitFor();

    const voters = Number(
      ((await secretary.getByTestId('counter-voters').textContent()) ?? '').split('/')[0],
    );
    const vote = secretary.getByTestId('vote-form');
    expect(await vote.getByTestId('vote-base').textContent()).toMatch(/^Tính trên \d+ đảng viên chính thức/);
    await vote.getByLabel('Nội dung biểu quyết').fill('Thông qua nghị quyết tháng');
    await vote.getByLabel('Tán thành', { exact: true }).fill(String(voters));
    await vote.getByRole('button', { name: 'Ghi kết quả biểu quyết' }).click();
    const recorded = secretary.getByTestId('vote').filter({ hasText: 'Thông qua nghị quyết tháng' });
    await recorded.waitFor();
    // A few members present out of a large cell: not "more than half" of the statutory base.
    expect(await recorded.textContent()).toContain(voters * 2 > base ? 'Thông qua' : 'Không thông qua');

    const taskTitle = 'Vận động 100% hộ gia đình phân loại rác tại nguồn';
    const task = secretary.getByTestId('task-form');
    await task.getByLabel('Nội dung nhiệm vụ').fill(taskTitle);
    await pick(secretary, task, 'Người thực hiện', dv1Name);
    await secretary.keyboard.press('Escape');
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 15));
    const deadline = `15/${String(next.getUTCMonth() + 1).padStart(2, '0')}/${next.getUTCFullYear()}`;
    await task.getByRole('button', { name: /Thời hạn/ }).click();
    await secretary.locator('[data-direction="next"]').first().click();
    await secretary.getByRole('button', { name: deadline, exact: true }).click();
    await task.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
    await secretary.getByTestId('task').filter({ hasText: taskTitle }).waitFor();
    expect(await secretary.getByTestId('task').filter({ hasText: taskTitle }).textContent()).toContain(
      `hạn ${deadline}`,
    );

    step('everyone else');
    // ---- everyone else present, end --------------------------------------------------------------
    await secretary.getByTestId('mark-rest').click();
    await secretary
      .getByRole('dialog')
      .getByRole('button', { name: /^Có mặt cho \d+ người/ })
      .click();
    await secretary.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => secretary.getByTestId('mark-rest').count()).toBe(0);
    await expect
      .poll(() => secretary.getByTestId('counter-present').textContent())
      .toBe(`${base - 1}/${base}`);
    await secretary.evaluate(() => window.scrollTo(0, 0));
    await shot(secretary, 'sinh-hoat-dieu-hanh');
    await secretary.getByTestId('end-meeting').click();
    await secretary.getByRole('dialog').getByRole('button', { name: 'Kết thúc buổi sinh hoạt' }).click();
    await expect.poll(() => secretary.getByTestId('meeting-status').first().textContent()).toBe('Đã họp');

    step('minutes:');
    // ---- minutes: text, signature, adoption, downloads ---------------------------------------------
    await secretary.getByRole('tab', { name: 'Biên bản' }).click();
    await secretary
      .getByTestId('record-text')
      .getByLabel('Kết luận của chủ trì')
      .fill('Chi bộ thống nhất các nhiệm vụ tháng tới; giao đồng chí phụ trách vận động phân loại rác.');
    await secretary.getByRole('button', { name: 'Lưu lời văn' }).click();
    await secretary.getByText('Đã lưu lời văn biên bản').waitFor();
    await secretary.getByTestId('sign-record').click();
    await expect
      .poll(() => secretary.getByTestId('record-signatures').textContent())
      .toContain('Chủ trì đã ký lúc');
    await secretary.getByTestId('adopt-record').click();
    const adopt = secretary.getByRole('dialog');
    expect(await adopt.textContent()).toContain('Biên bản sẽ được khóa');
    await adopt.getByRole('button', { name: 'Thông qua biên bản' }).click();
    await expect.poll(() => secretary.getByTestId('record-status').textContent()).toBe('Đã thông qua');
    expect(await secretary.getByTestId('record-hash').textContent()).toMatch(/^[0-9a-f]{12}$/);
    await shot(secretary, 'bien-ban-da-thong-qua');

    const [docx] = await Promise.all([
      secretary.waitForEvent('download'),
      secretary.getByTestId('download-minutes.docx').click(),
    ]);
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
    expect(docx.suggestedFilename()).toBe(stripDiacritics(docx.suggestedFilename()));
    expect(docx.suggestedFilename()).not.toMatch(/du-thao/);
    expect((await savedDownload(docx)).subarray(0, 2).toString()).toBe('PK');
    const [pdf] = await Promise.all([
      secretary.waitForEvent('download'),
      secretary.getByTestId('download-minutes.pdf').click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    expect(pdf.suggestedFilename()).toBe(stripDiacritics(pdf.suggestedFilename()));
    expect((await savedDownload(pdf)).subarray(0, 5).toString()).toBe('%PDF-');

    step("the member's own");
    // ---- the member's own page on their phone --------------------------------------------------------
    await member1.goto('/cua-toi');
    await member1.getByTestId('my-recent').getByText('Sinh hoạt chi bộ tháng này (thử nghiệm)').waitFor();
    await expect.poll(() => member1.getByTestId('my-task-title').allTextContents()).toContain(taskTitle);
    expect(await member1.getByTestId('my-task').filter({ hasText: taskTitle }).textContent()).toContain(
      `hạn ${deadline}`,
    );
    await expect
      .poll(async () => Number(await member1.getByTestId('bell-count').textContent()))
      .toBeGreaterThan(0);
    const recent = member1.getByTestId('my-recent-meeting').filter({ hasText: 'Sinh hoạt chi bộ tháng này' });
    const [memberPdf] = await Promise.all([
      member1.waitForEvent('download'),
      recent.getByTestId('my-minutes-pdf').click(),
    ]);
    expect(memberPdf.suggestedFilename()).toMatch(/^Bien-ban.*\.pdf$/);
    expect((await savedDownload(memberPdf)).subarray(0, 5).toString()).toBe('%PDF-');
    await noSidewaysScroll(member1);
    await member1.evaluate(() => window.scrollTo(0, 0));
    await shot(member1, 'cua-toi-dien-thoai');
    await member1.getByTestId('my-tasks').scrollIntoViewIfNeeded();
    await shot(member1, 'nhiem-vu-dien-thoai');

    step('alendar link');
    // The calendar link: created, shown absolute, revocable.
    await member1.getByRole('button', { name: 'Tạo đường dẫn lịch' }).click();
    const url = await member1.getByTestId('calendar-url').inputValue();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/calendar\/[\w-]+\.ics$/);
    const feed = await member1.request.get(url);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    await member1.getByRole('button', { name: 'Thu hồi đường dẫn' }).click();
    await member1.getByText('Đã thu hồi đường dẫn lịch').waitFor();
    expect((await member1.request.get(url)).status()).toBe(404);

    console.log(`meeting journey: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('ran every page without script errors or CSP refusals', () => {
    expect(pageProblems).toEqual([]);
  });
});
