import { z } from 'zod';
import { agencyKinds, roles, unitKinds, type Agency, type Person, type PostingRecord, type Unit } from '@caseroom/domain';
import { choiceOf, email, isoDate, trimmedText, uuid } from './common.schema';

export const agencyCode = z
  .string()
  .trim()
  .regex(/^[A-Z0-9-]{2,16}$/, 'must be 2-16 capital letters, digits or dashes');

export const createAgencyBody = z.strictObject({
  name: trimmedText(200),
  kind: choiceOf(agencyKinds),
  code: agencyCode,
});
/** The police forces an IDVA service serves: its force area, for proposing an IDVA from outside the suspect's. */
export const servesForceIds = z
  .array(uuid)
  .max(50)
  .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a force');

export const updateAgencyBody = z
  .strictObject({ name: trimmedText(200).optional(), code: agencyCode.optional(), servesForceIds: servesForceIds.optional() })
  .refine((body) => Object.keys(body).length > 0, { message: 'give at least one field to change' });

export const createUnitBody = z.strictObject({
  name: trimmedText(200),
  kind: choiceOf(unitKinds),
  parentId: uuid.nullable().default(null),
});
export const updateUnitBody = z
  .strictObject({ name: trimmedText(200).optional(), parentId: uuid.nullable().optional() })
  .refine((body) => Object.keys(body).length > 0, { message: 'give at least one field to change' });

const roleList = z
  .array(z.enum(roles))
  .min(1, 'give at least one role')
  .max(roles.length)
  .refine((list) => new Set(list).size === list.length, 'must not repeat a role');

const policeDetails = {
  staffNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,20}$/, 'must be 1-20 letters, digits or dashes')
    .nullable()
    .optional(),
  rank: trimmedText(80).nullable().optional(),
  lineManagerId: uuid.nullable().optional(),
};

export const createUserBody = z.strictObject({
  name: trimmedText(200),
  email,
  agencyId: uuid,
  unitId: uuid.nullable().default(null),
  roles: roleList,
  ...policeDetails,
});
export const updateUserBody = z
  .strictObject({
    name: trimmedText(200).optional(),
    email: email.optional(),
    unitId: uuid.nullable().optional(),
    roles: roleList.optional(),
    isActive: z.boolean().optional(),
    ...policeDetails,
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'give at least one field to change' });

export const createPostingBody = z
  .strictObject({
    unitId: uuid,
    roleTitle: trimmedText(200),
    startsOn: isoDate,
    endsOn: isoDate.nullable().default(null),
  })
  .refine((body) => body.endsOn === null || body.endsOn >= body.startsOn, {
    message: 'must not be before startsOn',
    path: ['endsOn'],
  });
export const updatePostingBody = z
  .strictObject({ roleTitle: trimmedText(200).optional(), endsOn: isoDate.nullable().optional() })
  .refine((body) => Object.keys(body).length > 0, { message: 'give at least one field to change' });

export type CreateAgencyBody = z.infer<typeof createAgencyBody>;
export type UpdateAgencyBody = z.infer<typeof updateAgencyBody>;
export type CreateUnitBody = z.infer<typeof createUnitBody>;
export type UpdateUnitBody = z.infer<typeof updateUnitBody>;
export type CreateUserBody = z.infer<typeof createUserBody>;
export type UpdateUserBody = z.infer<typeof updateUserBody>;
export type CreatePostingBody = z.infer<typeof createPostingBody>;
export type UpdatePostingBody = z.infer<typeof updatePostingBody>;

/** What the API answers about organisations and people: the domain's own shapes, no credentials. */
export type AgencyView = Agency;
export type UnitView = Unit;
export type PostingView = PostingRecord;
export type UserView = Person;

/** An agency's name, for anyone signed in: presence and positions are shown by agency. */
export interface AgencyNameView {
  readonly id: string;
  readonly name: string;
  readonly code: string;
  readonly kind: Agency['kind'];
}

export interface CreatedUserView extends UserView {
  /** Shown once, to the administrator who created the account, to hand over by a safe channel. */
  readonly initialPassword: string;
}
