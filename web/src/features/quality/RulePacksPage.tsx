/**
 * "Bộ tiêu chí" for committee staff and administrators: the packs and their versions, one pack's
 * rubric as a readable table (criteria, items, maximum, measured or judged, bands, the Tốt
 * condition), loading a new pack from a .json file with the server's Vietnamese problems listed,
 * and choosing the pack a unit uses.
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  List,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconFileUpload, IconGauge, IconPencil } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import type { Measure } from '../../../../src/domain/scoring/rubric.js';
import { ApiError, api } from '../../api/client.js';
import { useMe } from '../../api/queries.js';
import { notifySuccess } from '../../app/notify.js';
import { PageLoader } from '../../components/PageLoader.js';
import { UnitPicker } from '../../components/UnitPicker.js';
import { vi } from '../../i18n/vi.js';
import { formatDate, formatNumber } from '../../lib/format.js';
import { useIsPhone } from '../../lib/useIsPhone.js';
import { type PackSummary, qualityKeys, staffGrants, usePacks } from './api.js';
import { BandBadge } from './bands.js';
import { INHERIT, useApplyPack, usePackOptions } from './PackPicker.js';

const t = vi.quality.packs;
const tm = vi.quality.measure;
const packKey = (p: { id: string; version: string }) => `${p.id}@${p.version}`;

/** Whose pack it is: national packs serve every unit, a committee's own pack its subtree. */
const owner = (p: PackSummary) => (p.ownerUnitName ? t.ownedBy(p.ownerUnitName) : t.national);

export function RulePacksPage() {
  const me = useMe().data!;
  const allowed = staffGrants(me).length > 0;
  const packs = usePacks(allowed);
  const [selected, setSelected] = useState<string | null>(null);
  const phone = useIsPhone();
  if (!allowed) return <Alert color="gray">{t.noPermission}</Alert>;
  if (packs.isLoading) return <PageLoader />;
  const items = packs.data?.items ?? [];
  const current = items.find((p) => packKey(p) === selected) ?? items[0];

  return (
    <Stack gap="lg" maw={1280} data-testid="packs-page">
      <Stack gap={4}>
        <Title order={1}>{t.title}</Title>
        <Text>{t.intro}</Text>
      </Stack>

      <Stack gap="xs">
        <Title order={2} size="h3">
          {t.list}
        </Title>
        {phone ? (
          <Stack gap="xs">
            {items.map((p) => (
              <Card
                withBorder
                radius="md"
                padding="sm"
                key={packKey(p)}
                bg={current && packKey(current) === packKey(p) ? 'partyRed.0' : undefined}
              >
                <Text fw={700}>{p.name}</Text>
                <Text size="sm">
                  {p.id} · {t.version} {p.version} · {t.effective} {formatDate(p.effectiveFrom)}
                </Text>
                <Group justify="space-between" mt={4}>
                  <Badge variant="light" tt="none" color={p.source === 'loaded' ? 'grape' : 'gray'}>
                    {t.sources[p.source]}
                  </Badge>
                  <Text size="sm" c="dimmed">
                    {owner(p)}
                  </Text>
                  <Button size="sm" variant="light" onClick={() => setSelected(packKey(p))}>
                    {t.view}
                  </Button>
                </Group>
              </Card>
            ))}
          </Stack>
        ) : (
          <Paper withBorder radius="md">
            <Table highlightOnHover verticalSpacing="sm" className="chibo-table" data-testid="packs-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{vi.quality.packs.packFor}</Table.Th>
                  <Table.Th>{t.version}</Table.Th>
                  <Table.Th>{t.effective}</Table.Th>
                  <Table.Th>{t.source}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((p) => (
                  <Table.Tr
                    key={packKey(p)}
                    bg={current && packKey(current) === packKey(p) ? 'partyRed.0' : undefined}
                  >
                    <Table.Td>
                      <Text fw={600}>{p.name}</Text>
                      <Text size="sm" c="dimmed">
                        {p.id}
                      </Text>
                    </Table.Td>
                    <Table.Td>{p.version}</Table.Td>
                    <Table.Td>{formatDate(p.effectiveFrom)}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" tt="none" color={p.source === 'loaded' ? 'grape' : 'gray'}>
                        {t.sources[p.source]}
                      </Badge>
                      <Text size="sm" c="dimmed">
                        {owner(p)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Button size="sm" variant="light" onClick={() => setSelected(packKey(p))}>
                        {t.view}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
      </Stack>

      {current && <PackView p={current} phone={phone} />}
      <ChooseForUnit />
      <LoadPack onLoaded={(key) => setSelected(key)} />
    </Stack>
  );
}

function tierList(parts: string[]): string {
  return parts.join('; ');
}

/** A measured item's rule in words, from the pack (every number is the pack's). */
export function describeMeasure(m: Measure, max: number): string {
  const p = (n: number) => vi.quality.score.points(formatNumber(n));
  switch (m.kind) {
    case 'length':
      return `${tm.length}: ${tierList(
        m.tiers.map((x) =>
          x.maxShortMinutes !== undefined
            ? tm.shortMinutes(formatNumber(x.maxShortMinutes), p(x.points))
            : x.minShareOfMinimum !== undefined
              ? tm.share(`${formatNumber(x.minShareOfMinimum * 100)}%`, p(x.points))
              : tm.otherwise(p(x.points)),
        ),
      )}.`;
    case 'attendance':
      return `${tm.attendance}: ${tierList([
        ...m.tiers.map((x) => tm.fromPercent(formatNumber(x.minPercent), p(x.points), false)),
        tm.unexcused(p(m.unexcusedPoints)),
      ])}.`;
    case 'no_long_absence':
      return `${tm.no_long_absence(formatNumber(m.maxInARow), p(max))}.`;
    case 'speakers':
      return `${tm.speakers}: ${tierList(m.tiers.map((x) => tm.fromPercent(formatNumber(x.minPercent), p(x.points), x.strict)))}.`;
    case 'previous_items':
      return `${tm.previous_items}: ${tierList([
        ...m.tiers.map((x) => tm.fromPercent(formatNumber(x.minPercent), p(x.points), false)),
        tm.noItems(p(m.noItemsPoints)),
      ])}. ${tm.partial(`${formatNumber(m.partialWeight * 100)}%`)}.`;
    case 'fact':
      return `${tm.fact(tm.facts[m.fact] ?? tm.factUnknown, p(max))}.`;
  }
}

function PackView({ p, phone }: { p: PackSummary; phone: boolean }) {
  const rubric = p.pack.scoring.rubric;
  const titles = new Map(rubric.criteria.flatMap((c) => c.items).map((i) => [i.key, i.title]));
  const bands = [...rubric.bands].sort((a, b) => b.min - a.min);
  const download = () => {
    const blob = new Blob([JSON.stringify(p.pack, null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${p.id}-${p.version}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const kinds = (k: string[] | undefined) =>
    k ? t.onlyKinds(k.map((x) => vi.quality.kinds[x] ?? x).join(', ')) : null;
  const m = p.pack.meetings;
  return (
    <Paper withBorder p="md" radius="md" data-testid="pack-view">
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Stack gap={2}>
            <Title order={2} size="h3">
              {p.name}
            </Title>
            <Text size="sm" c="dimmed">
              {p.id} · {t.version} {p.version} · {t.effective} {formatDate(p.effectiveFrom)} ·{' '}
              {t.sources[p.source]}
            </Text>
          </Stack>
          <Button variant="default" leftSection={<IconDownload size={20} />} onClick={download}>
            {t.download}
          </Button>
        </Group>

        <Stack gap="xs">
          <Title order={3} size="h4">
            {t.bands}
          </Title>
          <Group gap="xs">
            {bands.map((b) => (
              <Group gap={6} key={b.key} wrap="nowrap">
                <BandBadge band={b} />
                <Text size="sm">{t.bandFrom(formatNumber(b.min))}</Text>
              </Group>
            ))}
          </Group>
          {rubric.topBandRequiresFull.length > 0 && bands[0] && (
            <Text size="sm">
              {t.topFull(
                bands[0].label,
                rubric.topBandRequiresFull.map((k) => titles.get(k) ?? k).join(', '),
              )}
            </Text>
          )}
          <Text size="sm">{t.notApplicable[rubric.notApplicable]}</Text>
          <Text size="sm">{t.finalRule[p.pack.scoring.finalRule]}</Text>
        </Stack>

        <Title order={3} size="h4">
          {t.criteria}
        </Title>
        {phone ? (
          <Stack gap="sm">
            {rubric.criteria.map((c, ci) => (
              <Card withBorder radius="md" padding={0} key={c.key}>
                <Text fw={700} p="sm" bg="gray.1">
                  {ci + 1}. {c.title} ({formatNumber(c.max)})
                </Text>
                {c.items.map((i) => (
                  <Stack
                    gap={2}
                    p="sm"
                    key={i.key}
                    style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
                  >
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      <HowIcon measured={Boolean(i.measure)} />
                      <Text fw={600} style={{ flex: 1 }}>
                        {i.title} — {formatNumber(i.max)}
                      </Text>
                    </Group>
                    <Text size="sm">{i.measure ? describeMeasure(i.measure, i.max) : t.judgement}</Text>
                    {kinds(i.kinds) && (
                      <Text size="sm" c="grape.8">
                        {kinds(i.kinds)}
                      </Text>
                    )}
                  </Stack>
                ))}
              </Card>
            ))}
          </Stack>
        ) : (
          <Paper withBorder radius="md">
            <Table verticalSpacing="xs" data-testid="pack-rubric">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.item}</Table.Th>
                  <Table.Th ta="center" style={{ width: 110 }}>
                    {t.max}
                  </Table.Th>
                  <Table.Th style={{ width: '48%' }}>{t.how}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rubric.criteria.map((c, ci) => (
                  <Fragment key={c.key}>
                    <Table.Tr bg="gray.1">
                      <Table.Td>
                        <Text fw={700}>
                          {ci + 1}. {c.title}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="center">
                        <Text fw={700}>{formatNumber(c.max)}</Text>
                      </Table.Td>
                      <Table.Td />
                    </Table.Tr>
                    {c.items.map((i) => (
                      <Table.Tr key={i.key}>
                        <Table.Td>
                          <Group gap={8} wrap="nowrap" align="flex-start">
                            <HowIcon measured={Boolean(i.measure)} />
                            <Text>{i.title}</Text>
                          </Group>
                        </Table.Td>
                        <Table.Td ta="center">{formatNumber(i.max)}</Table.Td>
                        <Table.Td>
                          <Text size="sm" fw={600} c={i.measure ? 'blue.8' : 'grape.8'}>
                            {i.measure ? t.measured : t.judgement}
                          </Text>
                          {i.measure && <Text size="sm">{describeMeasure(i.measure, i.max)}</Text>}
                          {kinds(i.kinds) && (
                            <Text size="sm" c="grape.8">
                              {kinds(i.kinds)}
                            </Text>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}

        <Stack gap={4}>
          <Title order={3} size="h4">
            {t.other}
          </Title>
          <List size="sm" spacing={2}>
            <List.Item>
              {t.minLength(
                formatNumber(m.minDurationMinutes.regular ?? 0),
                formatNumber(m.minDurationMinutes.combined ?? 0),
              )}
            </List.Item>
            <List.Item>{t.documentsLead(formatNumber(m.documentsLeadDays))}</List.Item>
            <List.Item>{t.finalDocs(formatNumber(m.finalDocumentsDays))}</List.Item>
            <List.Item>{t.attendanceAlert(formatNumber(p.pack.oversight.attendanceAlertPercent))}</List.Item>
            <List.Item>{t.minVisits(formatNumber(p.pack.oversight.minVisitsPerYear))}</List.Item>
          </List>
        </Stack>
      </Stack>
    </Paper>
  );
}

function HowIcon({ measured }: { measured: boolean }) {
  return (
    <ThemeIcon
      role="img"
      variant="light"
      color={measured ? 'blue' : 'grape'}
      size={24}
      radius="xl"
      aria-label={measured ? t.measured : t.judgement}
    >
      {measured ? <IconGauge size={16} /> : <IconPencil size={16} />}
    </ThemeIcon>
  );
}

function ChooseForUnit() {
  const { options } = usePackOptions();
  const { apply, busy } = useApplyPack();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [packId, setPackId] = useState<string | null>(INHERIT);
  return (
    <Paper withBorder p="md" radius="md" data-testid="pack-choose">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t.choose}
        </Title>
        <Text size="sm">{t.chooseHelp}</Text>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <UnitPicker
            label={t.unit}
            value={unitId}
            onChange={(v) => setUnitId(v)}
            capability="unit.manage"
            placeholder={t.pickUnit}
            w={{ base: '100%', sm: 360 }}
          />
          <Select
            label={t.packFor}
            data={options}
            value={packId}
            onChange={setPackId}
            allowDeselect={false}
            w={{ base: '100%', sm: 420 }}
            comboboxProps={{ withinPortal: true }}
          />
          <Button
            loading={busy}
            disabled={!unitId || !packId}
            onClick={() => unitId && packId && apply(Number(unitId), packId)}
          >
            {t.apply}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function LoadPack({ onLoaded }: { onLoaded: (key: string) => void }) {
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[] | null>(null);
  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setProblems(null);
    try {
      let pack: unknown;
      try {
        pack = JSON.parse(await file.text());
      } catch {
        setProblems([t.badJson]);
        return;
      }
      const res = await api.post<{ id: string; version: string }>('/api/rule-packs', { pack });
      notifySuccess(t.loaded(res.id, res.version));
      await qc.invalidateQueries({ queryKey: qualityKeys.packs });
      onLoaded(packKey(res));
      setFile(null);
    } catch (e) {
      const issues = e instanceof ApiError ? e.details?.issues : undefined;
      setProblems(
        Array.isArray(issues) && issues.every((i) => typeof i === 'string')
          ? (issues as string[])
          : [e instanceof ApiError ? e.message : vi.validation.failed],
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md" radius="md" data-testid="pack-load">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t.load}
        </Title>
        <Text size="sm">{t.loadHelp}</Text>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <FileInput
            label={t.pickFile}
            placeholder={vi.text.pickFile}
            accept="application/json,.json"
            value={file}
            onChange={(f) => {
              setFile(f);
              setProblems(null);
            }}
            clearable
            leftSection={<IconFileUpload size={18} />}
            w={{ base: '100%', sm: 420 }}
            size="md"
            data-testid="pack-file"
          />
          <Button onClick={submit} loading={busy} disabled={!file}>
            {t.loadButton}
          </Button>
        </Group>
        {problems && (
          <Alert color="red" icon={<IconAlertTriangle />} title={t.problems} data-testid="pack-problems">
            <List size="sm" spacing={4}>
              {problems.map((p) => (
                <List.Item key={p}>{p}</List.Item>
              ))}
            </List>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
