import { Button, Modal, Select, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { keys } from '../../api/queries.js';
import { notifyError, notifySuccess } from '../../app/notify.js';
import { vi } from '../../i18n/vi.js';
import { usePacks } from './api.js';

const t = vi.quality.packs;
export const INHERIT = '__inherit__';

/** The pack ids one may choose (one option per id: the version in force follows the date). */
export function usePackOptions(enabled = true) {
  const packs = usePacks(enabled);
  const seen = new Map<string, string>();
  for (const p of packs.data?.items ?? []) seen.set(p.id, p.name);
  return {
    packs,
    options: [
      { value: INHERIT, label: t.inherit },
      ...[...seen.entries()].map(([value, label]) => ({ value, label: `${label} (${value})` })),
    ],
  };
}

/** PUT /org-units/:id/rule-pack; refreshes the unit (its pack in force). Resolves true when done. */
export function useApplyPack() {
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const apply = async (unitId: number, value: string): Promise<boolean> => {
    setBusy(true);
    try {
      const res = await api.put<{ inForce: { id: string; version: string; name: string } }>(
        `/api/org-units/${unitId}/rule-pack`,
        { packId: value === INHERIT ? null : value },
      );
      notifySuccess(t.applied(`${res.inForce.name} — ${res.inForce.version}`));
      await qc.invalidateQueries({ queryKey: keys.unitAll(unitId) });
      void qc.invalidateQueries({ queryKey: ['org-unit'] });
      return true;
    } catch (e) {
      notifyError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { apply, busy };
}

export function PackModal({
  opened,
  onClose,
  unit,
}: {
  opened: boolean;
  onClose: () => void;
  unit: { id: number; name: string; rulePack: { id: string } };
}) {
  const { options } = usePackOptions(opened);
  const [value, setValue] = useState<string | null>(unit.rulePack.id);
  const { apply, busy } = useApplyPack();
  return (
    <Modal opened={opened} onClose={onClose} title={t.choose}>
      <Stack>
        <Text>
          <b>{unit.name}</b>
        </Text>
        <Text size="sm">{t.chooseHelp}</Text>
        <Select
          label={t.packFor}
          data={options}
          value={value}
          onChange={setValue}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          data-testid="pack-select"
        />
        <Button
          loading={busy}
          disabled={!value}
          onClick={async () => {
            if (value && (await apply(unit.id, value))) onClose();
          }}
          w="fit-content"
        >
          {t.apply}
        </Button>
      </Stack>
    </Modal>
  );
}
