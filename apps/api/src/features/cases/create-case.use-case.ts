import { Inject, Injectable } from '@nestjs/common';
import type { CaseSummaryView, CreateCaseBody } from '@caseroom/contracts';
import { dashScore, invalid, isPoliceForce, repeatWindowMonths, type Actor, type Clock, type ErrorDetail } from '@caseroom/domain';
import { AgencyRepository, CaseRepository, PersonRepository, UnitRepository, type RecordedVictimWorkplace } from '@caseroom/persistence';
import { refersForAnyAgency } from '@caseroom/policy';
import { CLOCK } from '../../shared/clock';
import { CaseAccess } from './case-access';
import { MatchKeys } from './match-keys';
import { checkVictimWorkplace } from './victim-workplace';

export interface CreateCaseOptions {
  /** The creator's draft the referral was written in: deleted with the case's creation, or nothing is created. */
  readonly fromDraftId?: string | null;
}

/** Registers a referral as a case: structure for the policy, content into its compartments. */
@Injectable()
export class CreateCase {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly cases: CaseRepository,
    private readonly agencies: AgencyRepository,
    private readonly units: UnitRepository,
    private readonly people: PersonRepository,
    private readonly matchKeys: MatchKeys,
    private readonly access: CaseAccess,
  ) {}

  async execute(actor: Actor, body: CreateCaseBody, { fromDraftId = null }: CreateCaseOptions = {}): Promise<CaseSummaryView> {
    const { staffNumber, victimWorkplace } = await this.checkReferences(actor, body);
    const { referral, victim, suspect } = body;
    const victimMatchKey = this.matchKeys.victim(victim.name, victim.dateOfBirth);
    const suspectMatchKey = this.matchKeys.suspect(suspect.forceId, staffNumber);
    const repeatOfCaseId = await this.cases.findEarlierMatch(victimMatchKey, suspectMatchKey, referral.referredOn, repeatWindowMonths);
    // The referring agency presents the case at the conference: it is always on the panel.
    const agencyIds = body.agencyIds.includes(referral.referringAgencyId)
      ? body.agencyIds
      : [referral.referringAgencyId, ...body.agencyIds];

    const created = await this.cases.create({
      status: 'referred',
      referralGround: referral.ground,
      referredOn: referral.referredOn,
      referringAgencyId: referral.referringAgencyId,
      repeatOfCaseId,
      investigatingForceId: body.investigatingForceId,
      agencyIds,
      victimMatchKey,
      suspectMatchKey,
      victimWorkplace,
      suspect: {
        userId: suspect.userId,
        forceId: suspect.forceId,
        unitId: suspect.unitId,
        lineManagerId: suspect.lineManagerId,
        isPublicProtection: suspect.isPublicProtection,
        postings: suspect.postings,
      },
      fields: {
        panel: {
          victimPseudonym: victim.pseudonym,
          suspect: {
            name: suspect.name,
            rank: suspect.rank,
            staffNumber: suspect.staffNumber ?? staffNumber,
            roleTitle: suspect.roleTitle,
          },
          referral: {
            dashScore: referral.dashAnswers ? dashScore(referral.dashAnswers) : referral.dashScore,
            concern: referral.concern,
            incidentCount: referral.incidentCount,
          },
          allegations: body.allegations,
          summary: body.summary,
        },
        victim: {
          name: victim.name,
          dateOfBirth: victim.dateOfBirth,
          address: victim.address,
          safeContact: victim.safeContact,
          children: victim.children,
          safetyPlan: victim.safetyPlan,
          employer: victim.employer,
          employerForceId: victim.employerForceId,
          gender: victim.gender ?? null,
          ethnicGroup: victim.ethnicGroup ?? null,
          disabled: victim.disabled ?? null,
          lgbt: victim.lgbt ?? null,
          consent: body.consent,
        },
        investigation: {},
        standards: {},
      },
      dashAnswers: referral.dashAnswers,
      fromDraftId,
      createdBy: actor.userId,
      createdAt: this.clock.now(),
      year: this.clock.now().getUTCFullYear(),
    });

    // The creator may well not be admitted (a coordinator linked to the suspect, say): then they get
    // the reference and nothing more.
    const admitted = await this.access.open(actor, created.id).then(
      (open) => open.admitted,
      () => [],
    );
    await this.access.record(
      actor,
      created.id,
      (['panel', 'victim'] as const).map((compartment) => ({ compartment, action: 'write' as const, reason: 'created the case' })),
    );
    return { id: created.id, reference: created.reference, status: created.status, admitted };
  }

  /**
   * Every id in the referral must exist and fit together; answers the suspect's staff number and where
   * the victim works, when it is a police force.
   */
  private async checkReferences(
    actor: Actor,
    body: CreateCaseBody,
  ): Promise<{ staffNumber: string; victimWorkplace: RecordedVictimWorkplace | null }> {
    const problems: ErrorDetail[] = [];
    const agency = (id: string) => this.agencies.findById(id);
    const policeForce = async (id: string) => {
      const found = await agency(id);
      return !!found && isPoliceForce(found.kind);
    };
    if (!(await agency(body.referral.referringAgencyId)))
      problems.push({ path: 'body.referral.referringAgencyId', message: 'no such agency' });
    else if (!refersForAnyAgency(actor.roles) && body.referral.referringAgencyId !== actor.agencyId)
      problems.push({ path: 'body.referral.referringAgencyId', message: 'must be your own agency' });
    for (const [index, id] of body.agencyIds.entries()) {
      if (!(await agency(id))) problems.push({ path: `body.agencyIds.${index}`, message: 'no such agency' });
    }
    if (body.investigatingForceId !== null && !(await policeForce(body.investigatingForceId)))
      problems.push({ path: 'body.investigatingForceId', message: 'must be a police force' });
    const victim = await checkVictimWorkplace(
      { agencies: this.agencies, units: this.units, people: this.people },
      body.victim,
      'body.victim',
    );
    problems.push(...victim.problems);
    const { suspect } = body;
    if (!(await policeForce(suspect.forceId))) problems.push({ path: 'body.suspect.forceId', message: 'must be a police force' });
    let staffNumber = suspect.staffNumber;
    if (suspect.userId !== null) {
      const account = await this.people.findById(suspect.userId);
      if (!account || account.agencyId !== suspect.forceId)
        problems.push({ path: 'body.suspect.userId', message: 'must be a person in the suspect force' });
      staffNumber ??= account?.staffNumber ?? suspect.userId;
    }
    if (suspect.unitId !== null && (await this.units.findById(suspect.unitId))?.agencyId !== suspect.forceId) {
      problems.push({ path: 'body.suspect.unitId', message: 'must be a unit of the suspect force' });
    }
    if (suspect.lineManagerId !== null && (await this.people.findById(suspect.lineManagerId))?.agencyId !== suspect.forceId) {
      problems.push({ path: 'body.suspect.lineManagerId', message: 'must be a person in the suspect force' });
    }
    for (const [index, posting] of suspect.postings.entries()) {
      if (!(await this.units.findById(posting.unitId)))
        problems.push({ path: `body.suspect.postings.${index}.unitId`, message: 'no such unit' });
    }
    if (problems.length > 0) throw invalid('The referral refers to something that does not exist or does not fit.', problems);
    return { staffNumber: staffNumber!, victimWorkplace: victim.workplace };
  }
}
