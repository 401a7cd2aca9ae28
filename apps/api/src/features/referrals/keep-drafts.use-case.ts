import { Injectable } from '@nestjs/common';
import type { ReferralDraftBody, ReferralDraftSummaryView, ReferralDraftView } from '@caseroom/contracts';
import { notFound, type Actor } from '@caseroom/domain';
import { ReferralDraftRepository } from '@caseroom/persistence';
import { toDraftSummary, toDraftView } from './draft-views';

const draftNotFound = () => notFound('The draft');

/**
 * A referrer's drafts, kept on the server as they write (so nothing of a referral stays in a browser).
 * Each is read, saved and deleted by its author alone: anyone else's draft is not found.
 */
@Injectable()
export class KeepDrafts {
  constructor(private readonly drafts: ReferralDraftRepository) {}

  async list(actor: Actor): Promise<ReferralDraftSummaryView[]> {
    return (await this.drafts.listForAuthor(actor.userId)).map(toDraftSummary);
  }

  async read(actor: Actor, draftId: string): Promise<ReferralDraftView> {
    const draft = await this.drafts.findForAuthor(draftId, actor.userId);
    if (!draft) throw draftNotFound();
    return toDraftView(draft);
  }

  async start(actor: Actor, content: ReferralDraftBody): Promise<ReferralDraftView> {
    return toDraftView(await this.drafts.create(actor.userId, content));
  }

  async save(actor: Actor, draftId: string, content: ReferralDraftBody): Promise<ReferralDraftView> {
    const draft = await this.drafts.replace(draftId, actor.userId, content);
    if (!draft) throw draftNotFound();
    return toDraftView(draft);
  }

  async delete(actor: Actor, draftId: string): Promise<void> {
    if (!(await this.drafts.delete(draftId, actor.userId))) throw draftNotFound();
  }
}
