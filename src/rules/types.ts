import { z } from 'zod';

/** A versioned rule pack: every number of the domain that a province or a year may change. */
export const rulePackSchema = z.object({
  id: z.string().min(1),
  version: z.string().min(1),
  name: z.string().min(1),
  /** ISO date from which this version applies; a record is judged by the version in force on its date. */
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  organisation: z.object({
    minOfficialMembersPerCell: z.number().int().positive(),
    cellCommitteeFromOfficialMembers: z.number().int().positive(),
  }),
  membership: z.object({
    probationMonths: z.number().int().positive(),
    minAdmissionAge: z.number().int().positive(),
    officialRecognitionWorkingDays: z.number().int().positive(),
    temporaryTransferMinMonths: z.number().int().positive(),
    temporaryTransferMaxMonths: z.number().int().positive(),
    transferStartWorkingDays: z.number().int().positive(),
    transferLetterWorkingDays: z.number().int().positive(),
  }),
});

export type RulePack = z.infer<typeof rulePackSchema>;
