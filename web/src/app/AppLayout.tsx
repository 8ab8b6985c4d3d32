import {
  Anchor,
  AppShell,
  Badge,
  Burger,
  Button,
  Divider,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import {
  IconAward,
  IconBook,
  IconCalendarEvent,
  IconCalendarUser,
  IconChartBar,
  IconChevronDown,
  IconClipboardCheck,
  IconCoin,
  IconEyeCheck,
  IconFileExport,
  IconHistory,
  IconKey,
  IconListCheck,
  IconLogout,
  IconSitemap,
  IconStar,
  IconUser,
  IconUsers,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { Link, matchPath, Outlet, useLocation, useNavigate } from 'react-router';
import { api, setCsrfToken } from '../api/client.js';
import { useMe, useRoots } from '../api/queries.js';
import { planNavEntry } from '../features/activity-plans/UnitPlanLinks.js';
import { ChangePasswordModal } from '../features/auth/ChangePasswordModal.js';
import { directivesNavEntry } from '../features/directives/DirectiveLinks.js';
import { duesHomeUnit } from '../features/dues/api.js';
import { inspectionsNavEntry } from '../features/inspections/InspectionLinks.js';
import { NotificationBell } from '../features/meetings/NotificationBell.js';
import { useOverviewHome } from '../features/oversight/api.js';
import { plansNavEntry } from '../features/plans/PlanLinks.js';
import { staffGrants, supervisedCells } from '../features/quality/api.js';
import { UnitTree } from '../features/units/UnitTree.js';
import { vi } from '../i18n/vi.js';
import { VI_DUES } from '../i18n/vi-dues.js';
import { VI_EXPORTS } from '../i18n/vi-exports.js';
import { VI_GRADING_REVIEW as GRADING_REVIEW } from '../i18n/vi-grading-review.js';
import { OVERVIEW } from '../i18n/vi-overview.js';
import { RECOGNITION } from '../i18n/vi-recognition.js';
import { OfflineBanner } from '../pwa/OfflineBanner.js';
import { clearOfflineCopies } from '../pwa/offline.js';

function currentUnitId(pathname: string): number | null {
  const m = matchPath('/don-vi/:id/*', pathname) ?? matchPath('/don-vi/:id', pathname);
  const id = Number(m?.params.id);
  return Number.isInteger(id) && id > 0 ? id : null;
}

export function AppLayout() {
  const me = useMe().data!;
  const roots = useRoots();
  const [navOpened, nav] = useDisclosure(false);
  const [pwOpened, pw] = useDisclosure(false);
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const wide = useMediaQuery('(min-width: 62em)');
  const unitId = currentUnitId(location.pathname);

  // On a phone the menu closes once the person has picked a page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: close on every route change
  useEffect(() => {
    nav.close();
  }, [location.pathname]);

  const rootUnits = roots.data?.items ?? [];
  const showAccounts = rootUnits.some((u) => u.permissions.canManageUsers);
  const showAudit = rootUnits.some((u) => u.permissions.canReadAudit);
  const roleLabels = [...new Set(me.grants.map((g) => g.roleLabel))];
  const isStaff = staffGrants(me).length > 0;
  const showSupervision = isStaff || supervisedCells(me).length > 0;
  const overviewHome = useOverviewHome();
  const duesHome = duesHomeUnit(me);

  const logout = async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      setCsrfToken(null);
      queryClient.clear();
      await clearOfflineCopies();
      navigate('/dang-nhap', { replace: true });
    }
  };

  const navLink = (to: string, label: string, icon: ReactNode) => (
    <NavLink
      component={Link}
      to={to}
      label={label}
      leftSection={icon}
      active={location.pathname.startsWith(to)}
      py={10}
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  );

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 320, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="md"
              aria-label={vi.app.menu}
            />
            {/* The link is named by what it shows (WCAG 2.5.3), with "trang chủ" for screen readers. */}
            <Anchor component={Link} to="/" underline="never" c="partyRed.8" className="chibo-target">
              <Group gap={8} wrap="nowrap">
                <img src="/favicon.svg" alt="" width={32} height={32} />
                <Text fw={800} size="xl" c="partyRed.8">
                  {vi.app.name}
                </Text>
                <Text size="sm" c="dimmed" visibleFrom="md">
                  {vi.app.tagline}
                </Text>
                <VisuallyHidden>{vi.text.homeLinkHint}</VisuallyHidden>
              </Group>
            </Anchor>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <NotificationBell />
            <Menu position="bottom-end" width={260} shadow="md">
              <Menu.Target>
                <UnstyledButton data-testid="user-menu" px={6} py={4} className="chibo-target">
                  <Group gap={6} wrap="nowrap">
                    <VisuallyHidden>{vi.nav.userMenu}:</VisuallyHidden>
                    <IconUser size={22} />
                    <Stack gap={0} visibleFrom="xs" style={{ textAlign: 'right' }}>
                      <Text size="sm" fw={700} lh={1.2} data-testid="user-name">
                        {me.user.displayName}
                      </Text>
                      <Text size="xs" c="dimmed" lh={1.2} data-testid="user-roles" maw={280} truncate>
                        {roleLabels.join(' · ')}
                      </Text>
                    </Stack>
                    <IconChevronDown size={16} />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>
                  <Text size="sm" fw={700} c="dark">
                    {me.user.displayName}
                  </Text>
                  <Text size="xs">{roleLabels.join(' · ')}</Text>
                </Menu.Label>
                <Menu.Divider />
                {me.member && (
                  <Menu.Item
                    component={Link}
                    to={`/dang-vien/${me.member.id}`}
                    leftSection={<IconUser size={18} />}
                  >
                    {vi.nav.myRecord}
                  </Menu.Item>
                )}
                <Menu.Item leftSection={<IconKey size={18} />} onClick={pw.open}>
                  {vi.auth.changePassword}
                </Menu.Item>
                <Menu.Item component={Link} to="/ca-nhan/ma-truy-cap" leftSection={<IconKey size={18} />}>
                  Mã truy cập API
                </Menu.Item>
                <Menu.Item leftSection={<IconLogout size={18} />} onClick={logout} color="red">
                  {vi.auth.logout}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
            {wide && (
              <Button variant="default" leftSection={<IconLogout size={18} />} onClick={logout}>
                {vi.auth.logout}
              </Button>
            )}
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label={vi.text.navigation}>
        <AppShell.Section>
          <Group gap={8} px="sm" py={6}>
            <IconSitemap size={20} />
            <Text fw={700}>{vi.nav.units}</Text>
          </Group>
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea} type="auto">
          <UnitTree currentId={unitId} onNavigate={nav.close} />
        </AppShell.Section>
        <AppShell.Section>
          <Divider my="xs" />
          {me.member && navLink('/cua-toi', vi.nav.mine, <IconCalendarUser size={20} />)}
          {me.member && navLink(`/dang-vien/${me.member.id}`, vi.nav.myRecord, <IconUser size={20} />)}
          {me.member && navLink('/kiem-diem', GRADING_REVIEW.nav, <IconClipboardCheck size={20} />)}
          {isStaff &&
            navLink(
              `/don-vi/${staffGrants(me)[0]!.orgUnitId}/dot-danh-gia`,
              GRADING_REVIEW.navCampaign,
              <IconListCheck size={20} />,
            )}
          {overviewHome && navLink(`/tong-quan/${overviewHome}`, OVERVIEW.nav, <IconChartBar size={20} />)}
          {me.grants.length > 0 && navLink('/sinh-hoat-mau', RECOGNITION.navModels, <IconStar size={20} />)}
          {isStaff &&
            navLink(
              `/khen-thuong/${staffGrants(me)[0]!.orgUnitId}`,
              RECOGNITION.nav,
              <IconAward size={20} />,
            )}
          {duesHome && navLink(`/don-vi/${duesHome}/dang-phi`, VI_DUES.nav, <IconCoin size={20} />)}
          {planNavEntry(me, navLink)}
          {plansNavEntry(me, navLink)}
          {directivesNavEntry(me, navLink)}
          {inspectionsNavEntry(me, navLink)}
          {showSupervision && navLink('/giam-sat', vi.nav.supervision, <IconEyeCheck size={20} />)}
          {isStaff && navLink('/bo-tieu-chi', vi.nav.rulePacks, <IconBook size={20} />)}
          {me.grants.some((g) => g.role === 'admin') &&
            navLink('/lich-nghi', vi.nav.holidays, <IconCalendarEvent size={20} />)}
          {showAccounts && navLink('/tai-khoan', vi.nav.accounts, <IconUsers size={20} />)}
          {showAudit && navLink('/nhat-ky', vi.nav.audit, <IconHistory size={20} />)}
          {me.grants.length > 0 && navLink('/xuat-tep', VI_EXPORTS.nav, <IconFileExport size={20} />)}
          <Stack gap={4} hiddenFrom="sm" mt="xs" px="sm">
            <Text size="sm" fw={700}>
              {me.user.displayName}
            </Text>
            <Group gap={4}>
              {roleLabels.map((r) => (
                <Badge key={r} variant="light" size="md" tt="none">
                  {r}
                </Badge>
              ))}
            </Group>
            <Button variant="default" leftSection={<IconKey size={18} />} onClick={pw.open} mt={4}>
              {vi.auth.changePassword}
            </Button>
            <Button variant="default" leftSection={<IconLogout size={18} />} onClick={logout}>
              {vi.auth.logout}
            </Button>
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <OfflineBanner />
        <Outlet />
      </AppShell.Main>
      <ChangePasswordModal opened={pwOpened} onClose={pw.close} />
    </AppShell>
  );
}
