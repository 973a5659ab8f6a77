import '@mantine/core/styles.css';
import './global.css';
import { MantineProvider } from '@mantine/core';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AccountPage } from '../features/account/AccountPage';
import { AlertsPage } from '../features/alerts/AlertsPage';
import { AnswerQuestionnairePage } from '../features/assessments/AnswerQuestionnairePage';
import { AttendancePage } from '../features/attendance/AttendancePage';
import { AuditPage } from '../features/audit/AuditPage';
import { CurriculumPage } from '../features/curriculum/CurriculumPage';
import { ReferralBoardPage } from '../features/intake/ReferralBoardPage';
import { ReferralPage } from '../features/intake/ReferralPage';
import { OutcomesPage } from '../features/measures/OutcomesPage';
import { GroupNotePage } from '../features/notes/GroupNotePage';
import { OrganisationPage } from '../features/organisation/OrganisationPage';
import { ProgramsPage } from '../features/organisation/ProgramsPage';
import { SitesPage } from '../features/organisation/SitesPage';
import { TracksPage } from '../features/organisation/TracksPage';
import { NewParticipantPage } from '../features/participants/NewParticipantPage';
import { ParticipantListPage } from '../features/participants/ParticipantListPage';
import { ParticipantPage } from '../features/participants/ParticipantPage';
import { MyRecoveryPlanPage, MySafetyPlanPage } from '../features/portal/MyPlanPage';
import { PortalHomePage } from '../features/portal/PortalHomePage';
import { SchedulePage } from '../features/scheduling/SchedulePage';
import { SeriesPage } from '../features/scheduling/SeriesPage';
import { MfaRequiredPage } from '../features/session/MfaRequiredPage';
import { SignInPage } from '../features/session/SignInPage';
import { SessionProvider } from '../features/session/session-context';
import { StaffPage } from '../features/staff/StaffPage';
import { TasksPage } from '../features/tasks/TasksPage';
import { TodayPage } from '../features/today/TodayPage';
import { AppLayout } from './AppLayout';
import { Allowed, LandingRedirect, NotFoundPage, RequireSignedIn } from './guards';
import { cssVariablesResolver, theme } from './theme';

/** The whole web app: theme, session, and every route with the permission it needs. */
export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <BrowserRouter>
        <SessionProvider>
          <Routes>
            <Route path="/sign-in" element={<SignInPage />} />
            <Route element={<RequireSignedIn allowDuringEnrolment />}>
              <Route path="/mfa-setup" element={<MfaRequiredPage />} />
            </Route>
            <Route element={<RequireSignedIn />}>
              <Route index element={<LandingRedirect />} />
              <Route element={<AppLayout />}>
                <Route
                  path="/today"
                  element={
                    <Allowed kind="staff" permission="clinical:read">
                      <TodayPage />
                    </Allowed>
                  }
                />
                <Route
                  path="/outcomes"
                  element={
                    <Allowed kind="staff" permission="clinical:read">
                      <OutcomesPage />
                    </Allowed>
                  }
                />
                <Route
                  path="/participants"
                  element={
                    <Allowed kind="staff" permission="participants:read">
                      <ParticipantListPage />
                    </Allowed>
                  }
                />
                <Route
                  path="/participants/new"
                  element={
                    <Allowed kind="staff" permission="participants:write">
                      <NewParticipantPage />
                    </Allowed>
                  }
                />
                <Route
                  path="/participants/:id"
                  element={
                    <Allowed kind="staff" permission="participants:read">
                      <ParticipantPage />
                    </Allowed>
                  }
                />
                <Route
                  path="/referrals"
                  element={
                    <Allowed kind="staff" permission="intake:manage">
                      <ReferralBoardPage />
                    </Allowed>
                  }
                />
                <Route
                  path="/referrals/:id"
                  element={
                    <Allowed kind="staff" permission="intake:manage">
                      <ReferralPage />
                    </Allowed>
                  }
                />
                <Route
                  path="/audit"
                  element={
                    <Allowed kind="staff" permission="audit:read">
                      <AuditPage />
                    </Allowed>
                  }
                />
                <Route
                  path="/organisation"
                  element={
                    <Allowed kind="staff" permission="structure:manage">
                      <OrganisationPage />
                    </Allowed>
                  }
                />
                <Route
                  path="/schedule"
                  element={
                    <Allowed kind="staff" permission="structure:read">
                      <SchedulePage />
                    </Allowed>
                  }
                />
                <Route
                  path="/schedule/curriculum"
                  element={
                    <Allowed kind="staff" permission="structure:read">
                      <CurriculumPage />
                    </Allowed>
                  }
                />
                <Route
                  path="/schedule/series/:id"
                  element={
                    <Allowed kind="staff" permission="structure:read">
                      <SeriesPage />
                    </Allowed>
                  }
                />
                <Route
                  path="/schedule/sessions/:id/attendance"
                  element={
                    <Allowed kind="staff" permission="clinical:read">
                      <AttendancePage />
                    </Allowed>
                  }
                />
                <Route
                  path="/schedule/sessions/:id/note"
                  element={
                    <Allowed kind="staff" permission="clinical:read">
                      <GroupNotePage />
                    </Allowed>
                  }
                />
                <Route
                  path="/alerts"
                  element={
                    <Allowed kind="staff" permission="alerts:respond">
                      <AlertsPage />
                    </Allowed>
                  }
                />
                <Route
                  path="/tasks"
                  element={
                    <Allowed kind="staff" permission="tasks:work">
                      <TasksPage />
                    </Allowed>
                  }
                />
                <Route
                  path="/sites"
                  element={
                    <Allowed kind="staff" permission="structure:read">
                      <SitesPage />
                    </Allowed>
                  }
                />
                <Route
                  path="/programs"
                  element={
                    <Allowed kind="staff" permission="structure:read">
                      <ProgramsPage />
                    </Allowed>
                  }
                />
                <Route
                  path="/tracks"
                  element={
                    <Allowed kind="staff" permission="structure:read">
                      <TracksPage />
                    </Allowed>
                  }
                />
                <Route
                  path="/staff"
                  element={
                    <Allowed kind="staff" permission="staff:read">
                      <StaffPage />
                    </Allowed>
                  }
                />
                <Route
                  path="/account"
                  element={
                    <Allowed kind="staff">
                      <AccountPage />
                    </Allowed>
                  }
                />
                <Route
                  path="/me"
                  element={
                    <Allowed kind="portal" permission="portal:self">
                      <PortalHomePage />
                    </Allowed>
                  }
                />
                <Route
                  path="/me/questionnaires/:code"
                  element={
                    <Allowed kind="portal" permission="portal:self">
                      <AnswerQuestionnairePage />
                    </Allowed>
                  }
                />
                <Route
                  path="/me/safety-plan"
                  element={
                    <Allowed kind="participant" permission="portal:self">
                      <MySafetyPlanPage />
                    </Allowed>
                  }
                />
                <Route
                  path="/me/recovery-plan"
                  element={
                    <Allowed kind="participant" permission="portal:self">
                      <MyRecoveryPlanPage />
                    </Allowed>
                  }
                />
                <Route
                  path="/me/account"
                  element={
                    <Allowed kind="portal">
                      <AccountPage />
                    </Allowed>
                  }
                />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Route>
          </Routes>
        </SessionProvider>
      </BrowserRouter>
    </MantineProvider>
  );
}
