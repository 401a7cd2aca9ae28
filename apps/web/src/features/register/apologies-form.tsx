import { useState } from 'react';
import { apologiesBody } from '@caseroom/contracts';
import { applyServerErrors, ErrorSummary, Field, useSchemaForm } from '../../lib/forms';
import { useApiMutation } from '../../lib/query';

const labels: Record<string, string> = { note: 'Your apologies' };

/** The signed-in person's own apologies for the conference, kept on its register; sending again replaces them. */
export function ApologiesForm({ conferenceId, showsRegister }: { conferenceId: string; showsRegister: boolean }) {
  const form = useSchemaForm(apologiesBody, { defaultValues: { note: '' } });
  // Only an organiser's screen holds the register to read again; anyone else's was refused it.
  const send = useApiMutation<{ note: string }>(
    'POST',
    `/api/conferences/${conferenceId}/apologies`,
    showsRegister ? [['conference', conferenceId, 'register']] : [],
  );
  const [message, setMessage] = useState<string | null>(null);
  const [isSent, setSent] = useState(false);

  return (
    <form
      className="card"
      noValidate
      aria-label="Send your apologies"
      onSubmit={(event) =>
        void form.handleSubmit(async (values) => {
          setMessage(null);
          setSent(false);
          try {
            await send.mutateAsync(values);
            setSent(true);
          } catch (error) {
            setMessage(applyServerErrors(form, error));
          }
        })(event)
      }
    >
      <h2>Send your apologies</h2>
      <ErrorSummary errors={form.formState.errors} message={message} labels={labels} attempt={form.formState.submitCount} />
      <Field
        form={form}
        name="note"
        label={labels.note}
        hint="If you cannot attend: say so, and who will represent your agency instead. Sending again replaces what you sent."
      >
        {(props) => <textarea {...props} rows={3} {...form.register('note')} />}
      </Field>
      <div className="actions">
        <button type="submit" disabled={send.isPending}>
          Send apologies
        </button>
      </div>
      {isSent && (
        <p className="success" role="status">
          Your apologies are recorded.
        </p>
      )}
    </form>
  );
}
