import { Injectable } from '@nestjs/common';
import type { Conference, ResearchRequest } from '@caseroom/domain';
import { Notifier } from '../notifications/notifier';
import { ResearchNotices } from '../notifications/research-notices';

/** Tells an agency's invited people, where the policy admits them to the case, that research is asked or awaited. */
@Injectable()
export class ResearchAnnouncements {
  constructor(
    private readonly notifier: Notifier,
    private readonly notices: ResearchNotices,
  ) {}

  /** Answers how many notices were raised. */
  async requested(conference: Conference, requests: readonly ResearchRequest[]): Promise<number> {
    return requests.length === 0 ? 0 : this.notifier.raise(this.notices.requested(conference, requests));
  }

  /** Once a day at most per request and person: asking twice the same day tells nobody twice. */
  async reminded(conference: Conference, requests: readonly ResearchRequest[], today: string): Promise<number> {
    return requests.length === 0 ? 0 : this.notifier.raise(this.notices.remindedBy(conference, requests, today));
  }
}
