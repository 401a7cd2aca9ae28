import { Injectable } from '@nestjs/common';
import { conferenceDay, invitedResearchers, type Conference, type ResearchRequest } from '@caseroom/domain';
import { CaseRepository, ConferenceRepository, ResearchRepository, type NewNotification, type PolicySnapshot } from '@caseroom/persistence';
import type { NoticesAtVersion } from './notifier';
import { Recipients } from './recipients';

/** 14 December 2026: how a notice names the day a conference meets. */
const spokenDay = (day: string) =>
  new Date(`${day}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The notices of research before a conference: asked, and reminded. Each goes to the agency's people
 * invited to the conference whom the policy admits to the case; its text names the conference and the
 * case's reference, nothing else.
 */
@Injectable()
export class ResearchNotices {
  constructor(
    private readonly research: ResearchRepository,
    private readonly conferences: ConferenceRepository,
    private readonly cases: CaseRepository,
    private readonly recipients: Recipients,
  ) {}

  /** Once per request and person. */
  requested(conference: Conference, requests: readonly ResearchRequest[]): NoticesAtVersion {
    return (snapshot) =>
      this.each(snapshot, conference, requests, (request, reference) => ({
        kind: 'research_requested',
        message: `Your agency is asked to research ${reference} before ${conference.title} on ${spokenDay(conferenceDay(conference))}.`,
        dedupeKey: `research_requested:${request.id}`,
      }));
  }

  /** Asked for by the coordinator: once per request, person and day, however often it is asked for that day. */
  remindedBy(conference: Conference, requests: readonly ResearchRequest[], today: string): NoticesAtVersion {
    return (snapshot) => this.reminders(snapshot, conference, requests, `${today}:asked`);
  }

  /**
   * The sweep's reminders of research still outstanding for conferences meeting from `today` to
   * `horizon`: read now, their recipients decided by the notifier at one policy version. Once per
   * request and person, however often the sweep runs.
   */
  async dueBy(today: string, horizon: string): Promise<{ count: number; notices: NoticesAtVersion }> {
    const outstanding = await this.research.outstandingForConferencesMeeting(today, horizon);
    const conferenceIds = [...new Set(outstanding.map((request) => request.conferenceId))];
    const conferences = (await Promise.all(conferenceIds.map((id) => this.conferences.findById(id)))).filter(
      (conference): conference is Conference => conference !== null,
    );
    return {
      count: outstanding.length,
      notices: async (snapshot) =>
        (
          await Promise.all(
            conferences.map((conference) =>
              this.reminders(
                snapshot,
                conference,
                outstanding.filter((request) => request.conferenceId === conference.id),
                `${conferenceDay(conference)}:before`,
              ),
            ),
          )
        ).flat(),
    };
  }

  private reminders(
    snapshot: PolicySnapshot,
    conference: Conference,
    requests: readonly ResearchRequest[],
    occasion: string,
  ): Promise<NewNotification[]> {
    return this.each(snapshot, conference, requests, (request, reference) => ({
      kind: 'research_reminder',
      message: `Research on ${reference} for ${conference.title} on ${spokenDay(conferenceDay(conference))} is still awaited from your agency.`,
      dedupeKey: `research_reminder:${request.id}:${occasion}`,
    }));
  }

  private async each(
    snapshot: PolicySnapshot,
    conference: Conference,
    requests: readonly ResearchRequest[],
    notice: (request: ResearchRequest, reference: string) => Pick<NewNotification, 'kind' | 'message'> & { readonly dedupeKey: string },
  ): Promise<NewNotification[]> {
    const invited = invitedResearchers(conference);
    const perRequest = await Promise.all(
      requests.map(async (request) => {
        const recipients = await this.recipients.ofAgencyKnowingCase(snapshot, request.caseId, request.agencyId, invited);
        if (recipients.length === 0) return [];
        const { kind, message, dedupeKey } = notice(request, (await this.cases.referenceOf(request.caseId)) ?? 'a case');
        return recipients.map((recipientId) => ({
          recipientId,
          kind,
          caseId: request.caseId,
          subjectId: request.id,
          message,
          dueOn: conferenceDay(conference),
          dedupeKey: `${dedupeKey}:${recipientId}`,
        }));
      }),
    );
    return perRequest.flat();
  }
}
