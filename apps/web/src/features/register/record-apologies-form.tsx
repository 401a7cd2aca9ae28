import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apologiesForInviteeForm, type ApologiesForInviteeForm, type RegisterView } from '@caseroom/contracts';
import { applyServerErrors, ErrorSummary, Field, FormScope, useSchemaForm } from '../../lib/forms';
import { useSession } from '../../session';

const labels: Record<string, string> = { userId: 'Whose apologies', note: 'The reason they gave' };
const empty: ApologiesForInviteeForm = { userId: '', note: '' };

/**
 * The chair or coordinator records apologies an invitee gave them by other means (a call, an e-mail):
 * only for someone still invited. Recording again, or the invitee sending their own, replaces them.
 */
export function RecordApologiesForm({ conferenceId, register }: { conferenceId: string; register: readonly RegisterView[] }) {
  const { api, agencyName } = useSession();
  const client = useQueryClient();
  const form = useSchemaForm(apologiesForInviteeForm, { defaultValues: empty });
  const record = useMutation({
    // The person goes in the address, the reason in the body.
    mutationFn: ({ userId, note }: ApologiesForInviteeForm) =>
      api.post(`/api/conferences/${conferenceId}/invitations/${userId}/apologies`, { note }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['conference', conferenceId, 'register'] }),
  });
  const [message, setMessage] = useState<string | null>(null);
  const [recorded, setRecorded] = useState<string | null>(null);
  const invitees = register.filter((line) => line.removedAt === null);
  if (invitees.length === 0) return null;

  return (
    <FormScope name="apologies-for">
      <form
        className="card"
        noValidate
        aria-labelledby="apologies-for-heading"
        onSubmit={(event) =>
          void form.handleSubmit(async (values) => {
            setMessage(null);
            setRecorded(null);
            try {
              await record.mutateAsync(values);
              setRecorded(invitees.find((line) => line.userId === values.userId)?.name ?? null);
              form.reset(empty);
            } catch (error) {
              setMessage(applyServerErrors(form, error));
            }
          })(event)
        }
      >
        <h2 id="apologies-for-heading">Record apologies for an invitee</h2>
        <p className="hint">When an invitee tells you they cannot attend, by phone or e-mail, record it here for the register.</p>
        <ErrorSummary errors={form.formState.errors} message={message} labels={labels} attempt={form.formState.submitCount} />
        <Field form={form} name="userId" label={labels.userId}>
          {(props) => (
            <select {...props} {...form.register('userId')}>
              <option value="">Choose the invitee</option>
              {invitees.map((line) => (
                <option key={line.userId} value={line.userId}>
                  {line.name}, {agencyName(line.agencyId)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          form={form}
          name="note"
          label={labels.note}
          hint="Why they cannot attend, and who will represent their agency instead. This replaces any apologies they sent."
        >
          {(props) => <textarea {...props} rows={3} {...form.register('note')} />}
        </Field>
        <div className="actions">
          <button type="submit" disabled={record.isPending}>
            Record apologies
          </button>
        </div>
        {recorded && (
          <p className="success" role="status">
            Apologies recorded for {recorded}.
          </p>
        )}
      </form>
    </FormScope>
  );
}
