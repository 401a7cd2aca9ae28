import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { scheduleConferenceForm, type ChairView, type ConferenceView, type ScheduleConferenceBody } from '@caseroom/contracts';
import { applyServerErrors, DateField, ErrorSummary, Field, useSchemaForm } from '../lib/forms';
import { errorMessage, useApiMutation, useApiQuery } from '../lib/query';
import { useScreenTitle } from '../lib/screen-title';
import { useSession } from '../session';

const labels = {
  title: 'Title',
  date: 'Date',
  time: 'Time',
  location: 'Place or meeting link',
  chairId: 'Chair',
  scheduledAt: 'Date and time',
};

/** A day and a time typed in the browser, as the instant they name in its time zone. */
const instant = (date: string, time: string) => new Date(`${date}T${time}:00`).toISOString();

/**
 * The coordinator schedules a conference: a neutral title, the day and time (en-GB, 24-hour), where it
 * is held, and its chair. Invitations and the agenda follow on the next screen.
 */
export function ScheduleConferenceRoute() {
  useScreenTitle('Schedule a conference');
  const { agencyName } = useSession();
  const navigate = useNavigate();
  const chairs = useApiQuery<ChairView[]>(['chairs'], '/api/conferences/chairs');
  const form = useSchemaForm(scheduleConferenceForm, { defaultValues: { title: '', date: '', time: '', location: null, chairId: '' } });
  const schedule = useApiMutation<ScheduleConferenceBody, ConferenceView>('POST', '/api/conferences', [['conferences']]);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = form.handleSubmit(async ({ title, date, time, location, chairId }) => {
    setProblem(null);
    try {
      const conference = await schedule.mutateAsync({
        title,
        scheduledAt: instant(date, time),
        location,
        chairId,
        invitedUserIds: [],
        invitedAgencyIds: [],
        confidentialityStatement: null,
      });
      await navigate(`/conferences/${conference.id}/prepare`);
    } catch (error) {
      setProblem(applyServerErrors(form, error));
    }
  });

  return (
    <>
      <h1 tabIndex={-1}>Schedule a conference</h1>
      <form className="card form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="schedule-heading">
        <h2 id="schedule-heading">When and where</h2>
        <ErrorSummary errors={form.formState.errors} message={problem} labels={labels} />
        <Field
          form={form}
          name="title"
          label={labels.title}
          hint="Everyone invited sees it: name the meeting, never a case. For example, Northmoor MARAC, 3 December."
        >
          {(props) => <input {...props} {...form.register('title')} autoComplete="off" />}
        </Field>
        <DateField form={form} name="date" label={labels.date} hint="For example, 3 12 2026." />
        <Field form={form} name="time" label={labels.time} hint="On the 24-hour clock, for example 10:00 or 14:30.">
          {(props) => <input {...props} {...form.register('time')} inputMode="numeric" className="short" autoComplete="off" />}
        </Field>
        <Field form={form} name="location" label={labels.location} hint="A room and address, or the link to join online. Optional.">
          {(props) => (
            <input
              {...props}
              {...form.register('location', { setValueAs: (value: string | null) => (value && value.trim() !== '' ? value : null) })}
              autoComplete="off"
            />
          )}
        </Field>
        <Field form={form} name="chairId" label={labels.chairId} hint="People with the chair role.">
          {(props) => (
            <select {...props} {...form.register('chairId')}>
              <option value="">Choose the chair</option>
              {(chairs.data ?? []).map((chair) => (
                <option key={chair.id} value={chair.id}>
                  {chair.name}, {agencyName(chair.agencyId)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {chairs.error && (
          <p className="error" role="alert">
            {errorMessage(chairs.error)}
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={form.formState.isSubmitting}>
            Schedule the conference
          </button>
          <Link to="/conferences">Cancel</Link>
        </div>
      </form>
    </>
  );
}
