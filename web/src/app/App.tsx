import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { setUnauthenticatedHandler } from '../api/client.js';
import { NotFound } from '../components/NotFound.js';
import { ActivityPlanPage } from '../features/activity-plans/ActivityPlanPage.js';
import { ActivityPlansPage } from '../features/activity-plans/ActivityPlansPage.js';
import { AuditPage } from '../features/audit/AuditPage.js';
import { LoginPage } from '../features/auth/LoginPage.js';
import { HolidaysPage } from '../features/calendar/HolidaysPage.js';
import { CellCommitteePage } from '../features/cell-committee/CellCommitteePage.js';
import { DirectivePage } from '../features/directives/DirectivePage.js';
import { DirectivesPage } from '../features/directives/DirectivesPage.js';
import { DuesPage } from '../features/dues/DuesPage.js';
import { ExportsPage } from '../features/exports/ExportsPage.js';
import { CampaignPage } from '../features/grading/CampaignPage.js';
import { CellSessionPage } from '../features/grading/CellSessionPage.js';
import { DecisionsPage } from '../features/grading/DecisionsPage.js';
import { GradingStatsPage } from '../features/grading/GradingStatsPage.js';
import { SelfReviewHome, SelfReviewPage } from '../features/grading/SelfReviewPage.js';
import { ImportPage } from '../features/imports/ImportPage.js';
import { InspectionPage } from '../features/inspections/InspectionPage.js';
import { InspectionsPage } from '../features/inspections/InspectionsPage.js';
import { CheckInPage } from '../features/meetings/CheckInPage.js';
import { MeetingPage } from '../features/meetings/MeetingPage.js';
import { MyPage } from '../features/meetings/MyPage.js';
import { AddMemberPage } from '../features/members/AddMemberPage.js';
import { MemberPage } from '../features/members/MemberPage.js';
import { OrganisationsPage } from '../features/organisations/OrganisationsPage.js';
import { OverviewPage } from '../features/oversight/OverviewPage.js';
import { PlanPage } from '../features/plans/PlanPage.js';
import { PlansPage } from '../features/plans/PlansPage.js';
import { RulePacksPage } from '../features/quality/RulePacksPage.js';
import { SupervisionPage } from '../features/quality/SupervisionPage.js';
import { ModelMeetingPage } from '../features/recognition/ModelMeetingPage.js';
import { ModelMeetingsPage } from '../features/recognition/ModelMeetingsPage.js';
import { RecognitionPage } from '../features/recognition/RecognitionPage.js';
import { ReviewPage } from '../features/reviews/ReviewPage.js';
import { ReviewsPage } from '../features/reviews/ReviewsPage.js';
import { UnitPage } from '../features/units/UnitPage.js';
import { UsersPage } from '../features/users/UsersPage.js';
import { vi } from '../i18n/vi.js';
import { AppLayout } from './AppLayout.js';
import { HomeRedirect, RequireAuth } from './RequireAuth.js';

export const LOGIN_PATH = '/dang-nhap';

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
        <Route element={<AppLayout />}>
          <Route index element={<HomeRedirect />} />
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
          <Route path="*" element={<NotFound message={vi.notFound.page} />} />
        </Route>
      </Route>
    </Routes>
  );
}
