import { Injectable } from '@nestjs/common';
import type { CreatePostingBody, PostingView, UpdatePostingBody } from '@caseroom/contracts';
import { invalid, isPoliceForce, notFound } from '@caseroom/domain';
import { AgencyRepository, PersonRepository, UnitRepository } from '@caseroom/persistence';
import { LiveEvents } from '../../shared/live-events';

/**
 * Posting history of police officers and staff. A posting may be in another force: transfers are
 * exactly the history that shared-posting conflicts are derived from.
 */
@Injectable()
export class ManagePostings {
  constructor(
    private readonly people: PersonRepository,
    private readonly units: UnitRepository,
    private readonly agencies: AgencyRepository,
    private readonly live: LiveEvents,
  ) {}

  async add(userId: string, body: CreatePostingBody): Promise<PostingView> {
    const person = await this.people.findById(userId);
    if (!person) throw notFound('The person');
    const agency = await this.agencies.findById(person.agencyId);
    if (!agency || !isPoliceForce(agency.kind)) {
      throw invalid('Only police officers and staff have postings.', [{ path: 'params.userId', message: 'not in a police force' }]);
    }
    if (!(await this.units.findById(body.unitId))) {
      throw invalid('The unit does not exist.', [{ path: 'body.unitId', message: 'no such unit' }]);
    }
    const posting = await this.people.addPosting(userId, body);
    await this.live.publish({ kind: 'person-changed', userId });
    return posting;
  }

  async update(postingId: string, patch: UpdatePostingBody): Promise<PostingView> {
    const posting = await this.people.findPosting(postingId);
    if (!posting) throw notFound('The posting');
    if (patch.endsOn && patch.endsOn < posting.startsOn) {
      throw invalid('The posting cannot end before it starts.', [{ path: 'body.endsOn', message: 'must not be before startsOn' }]);
    }
    await this.people.updatePosting(postingId, patch);
    await this.live.publish({ kind: 'person-changed', userId: posting.userId });
    const { userId: _userId, ...view } = (await this.people.findPosting(postingId))!;
    return view;
  }

  async remove(postingId: string): Promise<void> {
    const posting = await this.people.findPosting(postingId);
    if (!posting) throw notFound('The posting');
    await this.people.deletePosting(postingId);
    await this.live.publish({ kind: 'person-changed', userId: posting.userId });
  }
}
