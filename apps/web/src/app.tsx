import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router';
import type { Me } from '@caseroom/contracts';
import { ApiClient } from './lib/api-client';
import { createQueryClient } from './lib/query';
import { ScreenBoundary } from './lib/screen-boundary';
import { LiveNotices } from './features/notices/live-notices';
import { Navigation } from './features/shell/navigation';
import { CaseAccessRoute } from './routes/case-access';
import { ConferencesRoute } from './routes/conferences';
import { HomeRoute } from './routes/home';
import { StepUpPrompt } from './features/identity/step-up-prompt';
import { LoginRoute } from './routes/login';
import { NotFoundRoute } from './routes/not-found';
import { SessionProvider } from './session';

/**
 * The live room (the live channel, the notes editor and its shared documents) is most of the client's
 * code, and the contract's schemas come with it and with the screens that hold forms: each is fetched
 * when first opened, so signing in and the conference list load without them.
 */
const ConferenceRoute = lazy(() => import('./routes/conference').then((module) => ({ default: module.ConferenceRoute })));
const RestrictionsRoute = lazy(() => import('./routes/restrictions').then((module) => ({ default: module.RestrictionsRoute })));
const RestrictionHistoryRoute = lazy(() =>
  import('./routes/restriction-history').then((module) => ({ default: module.RestrictionHistoryRoute })),
);
const ResearchRoute = lazy(() => import('./routes/research').then((module) => ({ default: module.ResearchRoute })));
const ResearchTrackerRoute = lazy(() => import('./routes/research-tracker').then((module) => ({ default: module.ResearchTrackerRoute })));
const AdministrationRoute = lazy(() => import('./routes/administration').then((module) => ({ default: module.AdministrationRoute })));
const ScheduleConferenceRoute = lazy(() =>
  import('./routes/schedule-conference').then((module) => ({ default: module.ScheduleConferenceRoute })),
);
const PrepareConferenceRoute = lazy(() =>
  import('./routes/prepare-conference').then((module) => ({ default: module.PrepareConferenceRoute })),
);
const NoticesRoute = lazy(() => import('./routes/notices').then((module) => ({ default: module.NoticesRoute })));
const ReferralRoute = lazy(() => import('./routes/referral').then((module) => ({ default: module.ReferralRoute })));
const ReferralDraftsRoute = lazy(() => import('./routes/referral-drafts').then((module) => ({ default: module.ReferralDraftsRoute })));
const ActionsRoute = lazy(() => import('./routes/actions').then((module) => ({ default: module.ActionsRoute })));
const ConferenceRegisterRoute = lazy(() =>
  import('./routes/conference-register').then((module) => ({ default: module.ConferenceRegisterRoute })),
);
const ConferenceMinutesRoute = lazy(() =>
  import('./routes/conference-minutes').then((module) => ({ default: module.ConferenceMinutesRoute })),
);
const MyMinutesRoute = lazy(() => import('./routes/my-minutes').then((module) => ({ default: module.MyMinutesRoute })));
const MinutesCopyRoute = lazy(() => import('./routes/minutes-copy').then((module) => ({ default: module.MinutesCopyRoute })));
const CasesRoute = lazy(() => import('./routes/cases').then((module) => ({ default: module.CasesRoute })));
const CaseRoute = lazy(() => import('./routes/case').then((module) => ({ default: module.CaseRoute })));
const ExposureAlertsRoute = lazy(() => import('./routes/exposure-alerts').then((module) => ({ default: module.ExposureAlertsRoute })));
const PpdaAuditRoute = lazy(() => import('./routes/ppda-audit').then((module) => ({ default: module.PpdaAuditRoute })));
const MaracReturnRoute = lazy(() => import('./routes/marac-return').then((module) => ({ default: module.MaracReturnRoute })));
const AccountRoute = lazy(() => import('./routes/account').then((module) => ({ default: module.AccountRoute })));
const TriageRoute = lazy(() => import('./routes/triage').then((module) => ({ default: module.TriageRoute })));

export function App() {
  const api = useMemo(() => new ApiClient(), []);
  const queries = useMemo(createQueryClient, []);
  const [me, setMe] = useState<Me | null>(null);
  const signedOut = useCallback(() => {
    // Everything read for this person goes with their session.
    queries.clear();
    setMe(null);
  }, [queries]);

  if (!me) return <LoginRoute api={api} onSignedIn={setMe} />;
  return (
    <QueryClientProvider client={queries}>
      <SessionProvider api={api} me={me} onSignedOut={signedOut}>
        <BrowserRouter>
          <Shell />
        </BrowserRouter>
      </SessionProvider>
    </QueryClientProvider>
  );
}

function Shell() {
  const { pathname } = useLocation();
  return (
    <>
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <Navigation />
      <LiveNotices />
      <StepUpPrompt />
      <main id="content">
        {/* Keyed by the address: moving to another screen starts afresh after a failure. */}
        <ScreenBoundary key={pathname}>
          <Suspense fallback={<p role="status">Opening…</p>}>
            <Routes>
              <Route index element={<HomeRoute />} />
              <Route path="conferences" element={<ConferencesRoute />} />
              <Route path="conferences/new" element={<ScheduleConferenceRoute />} />
              <Route path="conferences/:conferenceId" element={<ConferenceRoute />} />
              <Route path="research/conferences/:conferenceId" element={<ResearchTrackerRoute />} />
              <Route path="research" element={<ResearchRoute />} />
              <Route path="conferences/:conferenceId/prepare" element={<PrepareConferenceRoute />} />
              <Route path="conferences/:conferenceId/register" element={<ConferenceRegisterRoute />} />
              <Route path="conferences/:conferenceId/minutes" element={<ConferenceMinutesRoute />} />
              <Route path="minutes" element={<MyMinutesRoute />} />
              <Route path="minutes/:copyId" element={<MinutesCopyRoute />} />
              <Route path="actions" element={<ActionsRoute />} />
              <Route path="notices" element={<NoticesRoute />} />
              <Route path="restrictions" element={<RestrictionsRoute />} />
              <Route path="restrictions/:restrictionId" element={<RestrictionHistoryRoute />} />
              <Route path="exposure-alerts" element={<ExposureAlertsRoute />} />
              <Route path="referrals/new" element={<ReferralRoute />} />
              <Route path="referrals/drafts" element={<ReferralDraftsRoute />} />
              <Route path="referrals/drafts/:draftId" element={<ReferralRoute />} />
              <Route path="triage" element={<TriageRoute />} />
              <Route path="reports/ppda-audit" element={<PpdaAuditRoute />} />
              <Route path="reports/marac-return" element={<MaracReturnRoute />} />
              <Route path="cases" element={<CasesRoute />} />
              <Route path="cases/:caseId" element={<CaseRoute />} />
              <Route path="cases/:caseId/access" element={<CaseAccessRoute />} />
              <Route path="administration/*" element={<AdministrationRoute />} />
              <Route path="account" element={<AccountRoute />} />
              <Route path="*" element={<NotFoundRoute />} />
            </Routes>
          </Suspense>
        </ScreenBoundary>
      </main>
    </>
  );
}
