import { Center, Loader, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ComponentType, lazy, Suspense, useEffect } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation, useNavigate } from 'react-router';
import { setUnauthenticatedHandler } from '../api/client.js';
import { NotFound } from '../components/NotFound.js';
import { LoginPage } from '../features/auth/LoginPage.js';
import { vi } from '../i18n/vi.js';
import { HomeRedirect, RequireAuth } from './RequireAuth.js';

export const LOGIN_PATH = '/dang-nhap';

// Every page waits for the Vietnamese zod messages too (a chunk of its own, see lib/zod-locale.ts).
const zodLocale = import('../lib/zod-locale.js');

/**
 * A page loaded on first visit (route-level code splitting, ADR 035): only the login page, the
 * app shell and the libraries they use are in the entry chunk.
 */
function lazyPage<M, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(async () => {
    const [mod] = await Promise.all([load(), zodLocale]);
    return { default: mod[name] as ComponentType };
  });
}

const ActivityPlanPage = lazyPage(
  () => import('../features/activity-plans/ActivityPlanPage.js'),
  'ActivityPlanPage',
);
const ActivityPlansPage = lazyPage(
  () => import('../features/activity-plans/ActivityPlansPage.js'),
  'ActivityPlansPage',
);
const ApiTokensPage = lazyPage(() => import('../features/api-tokens/ApiTokensPage.js'), 'ApiTokensPage');
const AuditPage = lazyPage(() => import('../features/audit/AuditPage.js'), 'AuditPage');
const HolidaysPage = lazyPage(() => import('../features/calendar/HolidaysPage.js'), 'HolidaysPage');
const CellCommitteePage = lazyPage(
  () => import('../features/cell-committee/CellCommitteePage.js'),
  'CellCommitteePage',
);
const DirectivePage = lazyPage(() => import('../features/directives/DirectivePage.js'), 'DirectivePage');
const DirectivesPage = lazyPage(() => import('../features/directives/DirectivesPage.js'), 'DirectivesPage');
const DuesPage = lazyPage(() => import('../features/dues/DuesPage.js'), 'DuesPage');
const ExportsPage = lazyPage(() => import('../features/exports/ExportsPage.js'), 'ExportsPage');
const CampaignPage = lazyPage(() => import('../features/grading/CampaignPage.js'), 'CampaignPage');
const CellSessionPage = lazyPage(() => import('../features/grading/CellSessionPage.js'), 'CellSessionPage');
const DecisionsPage = lazyPage(() => import('../features/grading/DecisionsPage.js'), 'DecisionsPage');
const GradingStatsPage = lazyPage(
  () => import('../features/grading/GradingStatsPage.js'),
  'GradingStatsPage',
);
const SelfReviewHome = lazyPage(() => import('../features/grading/SelfReviewPage.js'), 'SelfReviewHome');
const SelfReviewPage = lazyPage(() => import('../features/grading/SelfReviewPage.js'), 'SelfReviewPage');
const ImportPage = lazyPage(() => import('../features/imports/ImportPage.js'), 'ImportPage');
const InspectionPage = lazyPage(() => import('../features/inspections/InspectionPage.js'), 'InspectionPage');
const InspectionsPage = lazyPage(
  () => import('../features/inspections/InspectionsPage.js'),
  'InspectionsPage',
);
const CheckInPage = lazyPage(() => import('../features/meetings/CheckInPage.js'), 'CheckInPage');
const MeetingPage = lazyPage(() => import('../features/meetings/MeetingPage.js'), 'MeetingPage');
const MyPage = lazyPage(() => import('../features/meetings/MyPage.js'), 'MyPage');
const AddMemberPage = lazyPage(() => import('../features/members/AddMemberPage.js'), 'AddMemberPage');
const MemberPage = lazyPage(() => import('../features/members/MemberPage.js'), 'MemberPage');
const OrganisationsPage = lazyPage(
  () => import('../features/organisations/OrganisationsPage.js'),
  'OrganisationsPage',
);
const OverviewPage = lazyPage(() => import('../features/oversight/OverviewPage.js'), 'OverviewPage');
const PlanPage = lazyPage(() => import('../features/plans/PlanPage.js'), 'PlanPage');
const PlansPage = lazyPage(() => import('../features/plans/PlansPage.js'), 'PlansPage');
const RulePacksPage = lazyPage(() => import('../features/quality/RulePacksPage.js'), 'RulePacksPage');
const SupervisionPage = lazyPage(() => import('../features/quality/SupervisionPage.js'), 'SupervisionPage');
const ModelMeetingPage = lazyPage(
  () => import('../features/recognition/ModelMeetingPage.js'),
  'ModelMeetingPage',
);
const ModelMeetingsPage = lazyPage(
  () => import('../features/recognition/ModelMeetingsPage.js'),
  'ModelMeetingsPage',
);
const RecognitionPage = lazyPage(
  () => import('../features/recognition/RecognitionPage.js'),
  'RecognitionPage',
);
const ReviewPage = lazyPage(() => import('../features/reviews/ReviewPage.js'), 'ReviewPage');
const ReviewsPage = lazyPage(() => import('../features/reviews/ReviewsPage.js'), 'ReviewsPage');
const UnitPage = lazyPage(() => import('../features/units/UnitPage.js'), 'UnitPage');
const UsersPage = lazyPage(() => import('../features/users/UsersPage.js'), 'UsersPage');

// The shell (menu, bell, and through the bell "Của tôi") is not needed on the login page either.
// Outside the login page it is fetched at once, beside /api/auth/me, not after it; on the login
// page once that page has loaded, so signing in does not wait for it.
let layoutModule: Promise<typeof import('./AppLayout.js')> | undefined;
const loadLayout = () => {
  layoutModule ??= import('./AppLayout.js');
  return layoutModule;
};
const AppLayout = lazyPage(loadLayout, 'AppLayout');
if (window.location.pathname.startsWith(LOGIN_PATH)) {
  window.addEventListener('load', () => void loadLayout(), { once: true });
} else {
  void loadLayout();
}

/** Shown in the shell while a page's code arrives. */
function PageLoading() {
  return (
    <Center role="status" aria-live="polite" py="xl">
      <Loader size="sm" aria-hidden="true" mr="sm" />
      <Text>{vi.app.loading}</Text>
    </Center>
  );
}

/** The pages' outlet inside the shell: the menu stays while a page loads. */
function LazyOutlet() {
  return (
    <Suspense fallback={<PageLoading />}>
      <Outlet />
    </Suspense>
  );
}

export function App() {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();

  // A 401 from any call means the session ended: forget cached data and go to the login page.
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      if (window.location.pathname.startsWith(LOGIN_PATH)) return;
      queryClient.clear();
      const next = `${window.location.pathname}${window.location.search}`;
      navigate(`${LOGIN_PATH}?next=${encodeURIComponent(next)}`, { replace: true });
    });
    return () => setUnauthenticatedHandler(null);
  }, [navigate, queryClient]);

  // A new page starts at its top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every route change
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [location.pathname]);

  return (
    <Routes>
      <Route path={LOGIN_PATH} element={<LoginPage />} />
      <Route element={<RequireAuth />}>
        <Route
          element={
            <Suspense fallback={<PageLoading />}>
              <AppLayout />
            </Suspense>
          }
        >
          <Route index element={<HomeRedirect />} />
          <Route element={<LazyOutlet />}>
            <Route path="/don-vi/:id" element={<UnitPage />} />
            <Route path="/don-vi/:id/bao-cao" element={<ReviewsPage />} />
            <Route path="/don-vi/:id/xep-loai/:year" element={<GradingStatsPage />} />
            <Route path="/don-vi/:id/dang-phi" element={<DuesPage />} />
            <Route path="/don-vi/:id/chi-uy" element={<CellCommitteePage />} />
            <Route path="/don-vi/:id/to-chuc" element={<OrganisationsPage />} />
            <Route path="/don-vi/:id/van-ban" element={<DirectivesPage />} />
            <Route path="/van-ban/:id" element={<DirectivePage />} />
            <Route path="/don-vi/:id/chuong-trinh" element={<ActivityPlansPage />} />
            <Route path="/don-vi/:id/ke-hoach" element={<PlansPage />} />
            <Route path="/ke-hoach/:id" element={<PlanPage />} />
            <Route path="/don-vi/:id/kiem-tra" element={<InspectionsPage />} />
            <Route path="/kiem-tra/:id" element={<InspectionPage />} />
            <Route path="/don-vi/:id/chuong-trinh/:year" element={<ActivityPlanPage />} />
            <Route path="/don-vi/:id/xep-loai/:year/quyet-dinh" element={<DecisionsPage />} />
            <Route path="/bao-cao/:id" element={<ReviewPage />} />
            <Route path="/don-vi/:id/nhap-dang-vien" element={<ImportPage />} />
            <Route path="/don-vi/:id/them-dang-vien" element={<AddMemberPage />} />
            <Route path="/dang-vien/:id" element={<MemberPage />} />
            <Route path="/sinh-hoat/:id" element={<MeetingPage />} />
            <Route path="/diem-danh/:id" element={<CheckInPage />} />
            <Route path="/cua-toi" element={<MyPage />} />
            <Route path="/ca-nhan/ma-truy-cap" element={<ApiTokensPage />} />
            <Route path="/kiem-diem" element={<SelfReviewHome />} />
            <Route path="/kiem-diem/:year" element={<SelfReviewPage />} />
            <Route path="/don-vi/:id/kiem-diem/:year" element={<CellSessionPage />} />
            <Route path="/don-vi/:id/dot-danh-gia" element={<CampaignPage />} />
            <Route path="/tai-khoan" element={<UsersPage />} />
            <Route path="/nhat-ky" element={<AuditPage />} />
            <Route path="/xuat-tep" element={<ExportsPage />} />
            <Route path="/giam-sat" element={<SupervisionPage />} />
            <Route path="/tong-quan/:id" element={<OverviewPage />} />
            <Route path="/bo-tieu-chi" element={<RulePacksPage />} />
            <Route path="/lich-nghi" element={<HolidaysPage />} />
            <Route path="/khen-thuong/:id" element={<RecognitionPage />} />
            <Route path="/sinh-hoat-mau" element={<ModelMeetingsPage />} />
            <Route path="/sinh-hoat-mau/:meetingId" element={<ModelMeetingPage />} />
            <Route path="/trang-chu" element={<Navigate to="/" replace />} />
          </Route>
          <Route path="*" element={<NotFound message={vi.notFound.page} />} />
        </Route>
      </Route>
    </Routes>
  );
}
