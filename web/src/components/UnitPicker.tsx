/**
 * A unit picker that scales to a province (ADR 032): a searchable Select whose options come from
 * the server (`GET /api/org-units/:id/units`, debounced), page by page, never the whole tree.
 * Each option shows the unit's name and, on a second line, the unit above it, so two
 * "Chi bộ Khu phố 1" of different wards can be told apart.
 */
import { Loader, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import {
  type UnitSearchCapability,
  type UnitSearchItem,
  type UnitSearchKind,
  useUnit,
  useUnitSearch,
} from '../api/queries.js';

const MORE = '__unit-picker-more__';

const text = {
  placeholder: 'Gõ tên đơn vị để tìm',
  placeholderCells: 'Gõ tên chi bộ để tìm',
  nothingFound: 'Không tìm thấy đơn vị',
  searching: 'Đang tìm…',
  more: 'Xem thêm đơn vị…',
  loadingMore: 'Đang tải thêm…',
  under: (name: string) => `Thuộc: ${name}`,
  archived: '(đã lưu trữ)',
  failed: 'Không tải được danh sách đơn vị. Hãy thử lại.',
};

export interface UnitPickerProps {
  label: string;
  /** The chosen unit's id as text (like Mantine's Select), or null. */
  value: string | null;
  onChange: (value: string | null, unit: UnitSearchItem | null) => void;
  /** Search below this unit only; by default below each root unit of the user. */
  rootId?: number;
  /** `cells` for chi bộ only, `committees` for every unit that is not a chi bộ. */
  kind?: UnitSearchKind;
  /** Only the units where the user may also do this (e.g. `user.manage`). */
  capability?: UnitSearchCapability;
  includeArchived?: boolean;
  /** Options to leave out of the list (checked on each unit shown). */
  exclude?: (unit: UnitSearchItem) => boolean;
  error?: ReactNode;
  description?: ReactNode;
  placeholder?: string;
  nothingFoundMessage?: string;
  required?: boolean;
  clearable?: boolean;
  allowDeselect?: boolean;
  disabled?: boolean;
  w?: string | number | Record<string, string | number>;
  maw?: string | number;
  'data-testid'?: string;
}

export function UnitPicker(props: UnitPickerProps) {
  const { value, onChange, exclude, kind = 'all' } = props;
  const [search, setSearch] = useState('');
  const [opened, setOpened] = useState(false);
  // The unit chosen in this picker (its name for the input, its parent for the description).
  const [chosen, setChosen] = useState<UnitSearchItem | null>(null);
  const keepOpen = useRef(false);

  const known = chosen && String(chosen.id) === value ? chosen : null;
  // A value given from outside (a default, a saved form): its name from the unit itself.
  const outside = useUnit(value && !known ? Number(value) : 0, undefined, Boolean(value && !known));
  const selected: { id: number; name: string; parentName: string | null } | null = known
    ? known
    : value && outside.data && String(outside.data.id) === value
      ? {
          id: outside.data.id,
          name: outside.data.name,
          parentName: outside.data.ancestors[outside.data.ancestors.length - 1]?.name ?? null,
        }
      : null;

  // While the input shows the chosen name, the list is not narrowed to that name.
  const typed = selected && search === selected.name ? '' : search;
  const [debounced] = useDebouncedValue(typed.trim(), 250);
  const found = useUnitSearch(
    {
      q: debounced,
      kind,
      capability: props.capability,
      includeArchived: props.includeArchived,
      rootId: props.rootId,
    },
    opened,
  );

  const byId = useMemo(() => new Map(found.units.map((u) => [String(u.id), u])), [found.units]);
  const shown = found.units.filter((u) => !exclude?.(u));
  const data = shown.map((u) => ({
    value: String(u.id),
    label: u.name,
  }));
  // Mantine shows the chosen name only from an option: it stays one while nothing is typed.
  if (selected && typed.trim() === '' && !data.some((d) => d.value === String(selected.id))) {
    data.unshift({ value: String(selected.id), label: selected.name });
  }
  const moreLabel = found.isLoadingMore ? text.loadingMore : text.more;
  const withMore = found.hasMore ? [...data, { value: MORE, label: moreLabel }] : data;

  const description =
    props.description ?? (selected?.parentName ? text.under(selected.parentName) : undefined);
  const nothingFound =
    found.isLoading || (found.isFetching && shown.length === 0)
      ? text.searching
      : found.error
        ? text.failed
        : (props.nothingFoundMessage ?? text.nothingFound);

  return (
    <Select
      label={props.label}
      description={description}
      placeholder={props.placeholder ?? (kind === 'cells' ? text.placeholderCells : text.placeholder)}
      data={withMore}
      value={value}
      onChange={(v) => {
        if (v === MORE) {
          keepOpen.current = true;
          found.loadMore();
          return;
        }
        const unit = v ? (byId.get(v) ?? null) : null;
        setChosen(unit);
        onChange(v, unit);
      }}
      searchable
      searchValue={search}
      // Leaving the field shows the chosen name again (or nothing), never a half-typed search.
      onBlur={() => setSearch(selected?.name ?? '')}
      onSearchChange={(s) => {
        if (s === text.more || s === text.loadingMore) return;
        setSearch(s);
      }}
      // The server has already matched (without diacritics); Mantine must not filter again.
      filter={({ options }) => options}
      dropdownOpened={opened}
      onDropdownOpen={() => setOpened(true)}
      onDropdownClose={() => {
        if (keepOpen.current) {
          keepOpen.current = false;
          return;
        }
        setOpened(false);
      }}
      renderOption={({ option }) => {
        if (option.value === MORE) {
          return (
            <Text fw={600} c="blue.8" size="md">
              {option.label}
            </Text>
          );
        }
        const u = byId.get(option.value);
        const parent =
          u?.parentName ?? (selected && String(selected.id) === option.value ? selected.parentName : null);
        return (
          <Stack gap={0}>
            <Text size="md" fw={500} lh={1.35}>
              {option.label}
              {u?.archived ? ` ${text.archived}` : ''}
            </Text>
            {parent && (
              <Text size="sm" c="dimmed" lh={1.35}>
                {text.under(parent)}
              </Text>
            )}
          </Stack>
        );
      }}
      scrollAreaProps={{ onBottomReached: () => found.loadMore() }}
      maxDropdownHeight={360}
      rightSection={found.isFetching && opened ? <Loader size="xs" /> : undefined}
      nothingFoundMessage={nothingFound}
      error={props.error}
      required={props.required}
      clearable={props.clearable}
      allowDeselect={props.allowDeselect ?? false}
      disabled={props.disabled}
      w={props.w}
      maw={props.maw}
      comboboxProps={{ withinPortal: true }}
      data-testid={props['data-testid']}
    />
  );
}
