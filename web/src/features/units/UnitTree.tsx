import { ActionIcon, Badge, Box, Group, Loader, NavLink, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconPoint } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { isCellKind } from '../../../../src/features/org/labels.js';
import { useChildren, useRoots, useUnit } from '../../api/queries.js';
import type { Unit, UnitWithCounts } from '../../api/types.js';
import { vi } from '../../i18n/vi.js';
import { formatNumber } from '../../lib/format.js';

interface TreeProps {
  currentId: number | null;
  onNavigate?: () => void;
}

/**
 * The organisation tree in the side bar. Children are loaded when a node opens, so a province
 * with thousands of cells costs one small request per opened level, not one huge tree.
 */
export function UnitTree({ currentId, onNavigate }: TreeProps) {
  const roots = useRoots();
  const current = useUnit(currentId ?? 0);
  const [expanded, setExpanded] = useState<Set<number>>(new Set());

  // Open the path to the unit on screen (its visible ancestors and itself).
  const ancestorKey =
    current.data && currentId ? [...current.data.ancestors.map((a) => a.id), currentId].join(',') : '';
  useEffect(() => {
    if (!ancestorKey) return;
    setExpanded((prev) => {
      const next = new Set(prev);
      for (const id of ancestorKey.split(',')) next.add(Number(id));
      return next;
    });
  }, [ancestorKey]);

  // Roots start open: most people have one unit.
  const rootKey = (roots.data?.items ?? []).map((r) => r.id).join(',');
  useEffect(() => {
    if (!rootKey) return;
    setExpanded((prev) => new Set([...prev, ...rootKey.split(',').map(Number)]));
  }, [rootKey]);

  const toggle = (id: number) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  if (roots.isLoading) return <Loader size="sm" m="md" />;
  return (
    <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={vi.text.unitTree}>
      {(roots.data?.items ?? []).map((u) => (
        <TreeNode
          key={u.id}
          unit={u}
          depth={0}
          currentId={currentId}
          expanded={expanded}
          toggle={toggle}
          onNavigate={onNavigate}
        />
      ))}
    </Stack>
  );
}

interface NodeProps {
  unit: Unit | UnitWithCounts;
  depth: number;
  currentId: number | null;
  expanded: Set<number>;
  toggle: (id: number) => void;
  onNavigate?: () => void;
}

function TreeNode({ unit, depth, currentId, expanded, toggle, onNavigate }: NodeProps) {
  const leaf = isCellKind(unit.kind);
  const open = !leaf && expanded.has(unit.id);
  const children = useChildren(unit.id, undefined, open);
  const count = 'counts' in unit ? unit.counts.total : null;
  const active = unit.id === currentId;
  return (
    <Box component="li">
      <Group gap={0} wrap="nowrap" pl={depth * 14}>
        {leaf ? (
          <Box w={36} style={{ display: 'flex', justifyContent: 'center', flexShrink: 0 }} c="dimmed">
            <IconPoint size={16} />
          </Box>
        ) : (
          <ActionIcon
            variant="subtle"
            color="gray"
            size={36}
            onClick={() => toggle(unit.id)}
            aria-label={open ? `Thu gọn ${unit.name}` : `Mở ${unit.name}`}
            aria-expanded={open}
            style={{ flexShrink: 0 }}
          >
            {open ? <IconChevronDown size={18} /> : <IconChevronRight size={18} />}
          </ActionIcon>
        )}
        <NavLink
          component={Link}
          to={`/don-vi/${unit.id}`}
          onClick={() => {
            if (!leaf && !open) toggle(unit.id);
            onNavigate?.();
          }}
          active={active}
          aria-current={active ? 'page' : undefined}
          label={
            <Text size="sm" fw={active ? 700 : 500} lh={1.3}>
              {unit.name}
            </Text>
          }
          rightSection={
            count !== null ? (
              // A badge is a plain box: its meaning is spoken as text, not an aria-label on a div.
              <Badge variant="light" color="gray" size="sm">
                <span aria-hidden="true">{formatNumber(count)}</span>
                <VisuallyHidden>{`${formatNumber(count)} đảng viên`}</VisuallyHidden>
              </Badge>
            ) : null
          }
          py={8}
          style={{ borderRadius: 'var(--mantine-radius-md)' }}
        />
      </Group>
      {open && (
        <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {children.isLoading && <Loader size="xs" ml={depth * 14 + 44} my={6} />}
          {(children.data?.items ?? []).map((c) => (
            <TreeNode
              key={c.id}
              unit={c}
              depth={depth + 1}
              currentId={currentId}
              expanded={expanded}
              toggle={toggle}
              onNavigate={onNavigate}
            />
          ))}
        </Stack>
      )}
    </Box>
  );
}
