import { Alert, Textarea } from '@mantine/core';
import { ApiError, sentence } from '../../api/client';

/**
 * The server's refusal when a session falls outside the participant's availability or in a blackout:
 * the problem in words (without the API's advice about its own field), or null for any other failure.
 * Enrolling in a series or a track and booking a make-up all refuse this way.
 */
export function availabilityProblem(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== 'conflict') return null;
  const details = error.details as { resource?: unknown } | undefined;
  if (details?.resource !== 'availability' && !/availabilityOverride/.test(error.message)) return null;
  return sentence(error.message.replace(/;?\s*give availabilityOverride.*$/, ''));
}

const wording = {
  enrol: { verb: 'enrol', keptWith: 'the enrolment' },
  book: { verb: 'book', keptWith: 'the make-up' },
} as const;

/**
 * What a form shows once a session is known to fall outside the participant's availability: the
 * problem, and a required reason to go ahead anyway, which the server keeps with the record.
 */
export function AvailabilityOverride({
  problem,
  action,
  value,
  onChange,
  error,
}: {
  /** The problem as a sentence, e.g. from `availabilityProblem`. */
  problem: string;
  /** What goes ahead anyway: an enrolment or a make-up booking. */
  action: keyof typeof wording;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  const { verb, keptWith } = wording[action];
  return (
    <>
      <Alert color="yellow" role="alert" title="Outside the participant’s availability">
        {problem} To {verb} anyway, say why.
      </Alert>
      <Textarea
        label={`Reason to ${verb} anyway`}
        description={`Kept with ${keptWith}, e.g. the employer agreed to change the shift`}
        required
        autosize
        minRows={2}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error}
      />
    </>
  );
}
