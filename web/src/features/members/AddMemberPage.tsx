import {
  Anchor,
  Breadcrumbs,
  Button,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { createMemberSchema } from '../../../../src/features/members/schema.js';
import { isCellKind } from '../../../../src/features/org/labels.js';
import { ApiError, api, isNotFound } from '../../api/client.js';
import { useUnit } from '../../api/queries.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { DateTypeField } from '../../components/DateField.js';
import { ErrorState } from '../../components/ErrorState.js';
import { NotFound } from '../../components/NotFound.js';
import { PageLoader } from '../../components/PageLoader.js';
import { vi } from '../../i18n/vi.js';
import { todayIso } from '../../lib/format.js';
import { useIsPhone } from '../../lib/useIsPhone.js';
import {
  type DetailField,
  type DetailValues,
  detailsBody,
  emptyDetails,
  issuesByField,
  MemberFields,
} from './MemberFields.js';

type Relation = 'admission' | 'transfer_in' | 'existing' | 'contact_213';
const RELATIONS: Relation[] = ['admission', 'transfer_in', 'existing', 'contact_213'];
const ALL_FIELDS: DetailField[] = [
  'fullName',
  'birthDate',
  'gender',
  'ethnicity',
  'hometown',
  'address',
  'phone',
  'email',
  'cardNumber',
  'nationalId',
  'notes',
];

export function AddMemberPage() {
  const id = Number(useParams().id);
  const unit = useUnit(Number.isInteger(id) && id > 0 ? id : 0);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const phone = useIsPhone();
  const [relation, setRelation] = useState<Relation>('admission');
  const [values, setValues] = useState<DetailValues>(emptyDetails);
  const [admissionDate, setAdmissionDate] = useState<string | null>(null);
  const [officialDate, setOfficialDate] = useState<string | null>(null);
  const [joinDate, setJoinDate] = useState<string | null>(null);
  const [otherOrg, setOtherOrg] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  if (isNotFound(unit.error) || !(id > 0)) return <NotFound message={vi.notFound.unit} />;
  if (unit.isLoading) return <PageLoader />;
  if (unit.error || !unit.data) return <ErrorState error={unit.error} onRetry={() => unit.refetch()} />;
  const u = unit.data;
  if (!isCellKind(u.kind) || !u.permissions.canManageMembers) {
    return <ErrorState error={new ApiError(403, 'FORBIDDEN', vi.addMember.onlyCells)} />;
  }
  const today = todayIso();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      ...detailsBody(values, ALL_FIELDS),
      relation,
      admissionDate,
      officialDate,
      joinDate:
        relation === 'transfer_in' || relation === 'existing' || relation === 'contact_213' ? joinDate : null,
      otherOrg: relation === 'transfer_in' || relation === 'contact_213' ? otherOrg.trim() || null : null,
    };
    const parsed = createMemberSchema.safeParse(body);
    const problems: Record<string, string> = parsed.success
      ? {}
      : issuesByField(parsed.error, { fullName: values.fullName });
    if (relation !== 'contact_213' && !admissionDate)
      problems.admissionDate = vi.validation.admissionRequired;
    if (admissionDate && officialDate && officialDate < admissionDate) {
      problems.officialDate = vi.validation.officialAfterAdmission;
    }
    setErrors(problems);
    if (Object.keys(problems).length) {
      document.querySelector('[aria-invalid="true"]')?.scrollIntoView({ block: 'center' });
      return;
    }
    setBusy(true);
    try {
      const created = await api.post<{ id: number }>(`/api/org-units/${u.id}/members`, body);
      notifySuccess(`${vi.addMember.created}: ${values.fullName.trim()}`);
      await Promise.all(
        ['members', 'org-unit', 'org-unit-children', 'org-unit-tree'].map((k) =>
          qc.invalidateQueries({ queryKey: [k] }),
        ),
      );
      navigate(`/dang-vien/${created.id}`);
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fieldErrors).length) setErrors(err.fieldErrors);
      else notifyError(err);
      setBusy(false);
    }
  };

  const clear = (f: string) =>
    setErrors((prev) => {
      if (!(f in prev)) return prev;
      const { [f]: _, ...rest } = prev;
      return rest;
    });
  const set = <K extends DetailField>(f: K, v: DetailValues[K]) => {
    setValues((prev) => ({ ...prev, [f]: v }));
    clear(f);
  };

  return (
    <Stack gap="lg" maw={900}>
      <Breadcrumbs separator="›" separatorMargin={6} style={{ flexWrap: 'wrap' }}>
        <Anchor component={Link} to={`/don-vi/${u.id}`} size="sm">
          {u.name}
        </Anchor>
        <Text size="sm" c="dimmed">
          {vi.addMember.title}
        </Text>
      </Breadcrumbs>
      <Title order={1}>
        {vi.addMember.title} — {u.name}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="lg">
          <Paper withBorder p="md" radius="md">
            <Stack gap="xs">
              <Text fw={700} id="relation-label">
                {vi.addMember.relation}
              </Text>
              <SegmentedControl
                aria-labelledby="relation-label"
                data={RELATIONS.map((r) => ({ value: r, label: vi.addMember.relations[r] }))}
                value={relation}
                onChange={(v) => setRelation(v as Relation)}
                orientation={phone ? 'vertical' : 'horizontal'}
                fullWidth
                size="md"
              />
              <Text size="sm" c="dimmed">
                {vi.addMember.relationHelp[relation]}
              </Text>
            </Stack>
          </Paper>

          <Paper withBorder p="md" radius="md">
            <Title order={2} size="h3" mb="sm">
              {vi.addMember.personal}
            </Title>
            <MemberFields values={values} set={set} errors={errors} fields={ALL_FIELDS} section="personal" />
          </Paper>

          <Paper withBorder p="md" radius="md">
            <Title order={2} size="h3" mb="sm">
              {vi.addMember.party}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <DateTypeField
                label={vi.member.admissionDate}
                value={admissionDate}
                onChange={(v) => {
                  setAdmissionDate(v);
                  clear('admissionDate');
                }}
                error={errors.admissionDate}
                required={relation !== 'contact_213'}
                maxDate={today}
              />
              <DateTypeField
                label={vi.member.officialDate}
                value={officialDate}
                onChange={(v) => {
                  setOfficialDate(v);
                  clear('officialDate');
                }}
                error={errors.officialDate}
                description={relation === 'admission' ? vi.text.officialEmptyHelp : undefined}
                maxDate={today}
              />
              {(relation === 'transfer_in' || relation === 'existing' || relation === 'contact_213') && (
                <DateTypeField
                  label={vi.addMember.joinDate}
                  value={joinDate}
                  onChange={setJoinDate}
                  error={errors.joinDate}
                  description={vi.text.joinEmptyHelp}
                  maxDate={today}
                />
              )}
              {(relation === 'transfer_in' || relation === 'contact_213') && (
                <TextInput
                  label={
                    relation === 'transfer_in' ? vi.addMember.otherOrgTransfer : vi.addMember.otherOrg213
                  }
                  value={otherOrg}
                  onChange={(e) => setOtherOrg(e.currentTarget.value)}
                  error={errors.otherOrg}
                />
              )}
            </SimpleGrid>
          </Paper>

          <Paper withBorder p="md" radius="md">
            <Title order={2} size="h3" mb="sm">
              {vi.addMember.contact}
            </Title>
            <MemberFields values={values} set={set} errors={errors} fields={ALL_FIELDS} section="contact" />
          </Paper>

          <Group justify="flex-end">
            <Button variant="default" component={Link} to={`/don-vi/${u.id}`}>
              {vi.app.cancel}
            </Button>
            <Button type="submit" loading={busy} size="lg">
              {vi.addMember.submit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
