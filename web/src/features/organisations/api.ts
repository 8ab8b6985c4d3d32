/** The locality's organisations as the web app reads them (src/features/organisations/routes.ts). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrganisationInput, OrganisationPatch } from '../../../../src/features/organisations/schema.js';
import type { OrganisationsPage } from '../../../../src/features/organisations/service.js';
import { api } from '../../api/client.js';

export type { OrganisationInput, OrganisationPatch, OrganisationsPage };
export type Organisation = OrganisationsPage['items'][number];

export const organisationsPath = (unitId: number) => `/don-vi/${unitId}/to-chuc`;

export function useOrganisations(unitId: number, activeOnly = false) {
  return useQuery({
    queryKey: ['organisations', unitId, activeOnly],
    queryFn: () =>
      api.get<OrganisationsPage>(`/api/org-units/${unitId}/organisations`, {
        limit: 100,
        ...(activeOnly ? { active: 'true' } : {}),
      }),
    retry: false,
  });
}

export function useAddOrganisation(unitId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: OrganisationInput) => api.post(`/api/org-units/${unitId}/organisations`, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['organisations', unitId] }),
  });
}

export function usePatchOrganisation(unitId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: OrganisationPatch }) =>
      api.patch(`/api/organisations/${id}`, patch),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['organisations', unitId] }),
  });
}
