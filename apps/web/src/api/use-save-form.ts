import type { UseFormReturnType } from '@mantine/form';
import { useState } from 'react';
import { apiFieldErrors } from './form-errors';

/**
 * The submit handler of a form that saves through the API: runs `save` with the form's values, and
 * when the server refuses them puts its field errors on the fields and keeps the failure for an alert.
 */
export function useSaveForm<Values>(
  form: UseFormReturnType<Values>,
  save: (values: Values) => Promise<void>,
) {
  const [failure, setFailure] = useState<unknown>(undefined);
  const submit = form.onSubmit(async (values) => {
    setFailure(undefined);
    try {
      await save(values);
    } catch (error) {
      form.setErrors(apiFieldErrors(error));
      setFailure(error);
    }
  });
  return { submit, failure };
}
