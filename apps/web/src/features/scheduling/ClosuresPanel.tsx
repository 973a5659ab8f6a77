import { Box, Button, Card, Checkbox, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { closureCreatedSchema, closureInput, closureSchema, type Site } from '@stepwise/core';
import { type FormEvent, useState } from 'react';
import { z } from 'zod';
import { api } from '../../api/client';
import { apiFieldErrors, type FieldErrors, schemaErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Notice } from '../../ui/Notice';
import { formatDay } from './week';

const closureList = z.object({ items: z.array(closureSchema) });

/**
 * Days the program's site is closed (holidays, training days), from today on. Those who manage the
 * organisation's structure declare one for this site or every site; sessions already scheduled that
 * day are cancelled at once, with the closure's name as the reason.
 */
export function ClosuresPanel({
  site,
  today,
  canDeclare,
  onDeclared,
}: {
  site: Site;
  /** Today at the site. */
  today: string;
  canDeclare: boolean;
  onDeclared: () => void;
}) {
  const closures = useApiData(
    () => api.get('/closures', { query: { from: today }, schema: closureList }),
    [today],
  );
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [everySite, setEverySite] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const here = (closures.data?.items ?? []).filter(
    (closure) => closure.siteId === null || closure.siteId === site.id,
  );

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = { date, name: name.trim(), siteId: everySite ? null : site.id };
    const invalid = schemaErrors(closureInput, input);
    if (date && date < today) invalid.date = 'Choose today or a later date.';
    setErrors(invalid);
    setFailure(undefined);
    setNotice(null);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    try {
      const closure = await api.post('/closures', input, { schema: closureCreatedSchema });
      const cancelled = closure.cancelledSessions;
      setNotice(
        `${closure.name} on ${formatDay(closure.date)}: ` +
          (cancelled === 0
            ? 'no sessions were scheduled that day.'
            : `${cancelled} session${cancelled === 1 ? ' was' : 's were'} cancelled.`),
      );
      setDate('');
      setName('');
      setEverySite(false);
      closures.reload();
      onDeclared();
    } catch (error) {
      setErrors(apiFieldErrors(error));
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder component="section" aria-labelledby="closures-heading">
      <Title order={2} size="h3" id="closures-heading" mb={4}>
        Closures and holidays
      </Title>
      <Text size="sm" mb="sm">
        No session takes place on these days at {site.name}.
      </Text>
      <ErrorAlert error={closures.error} title="The closures could not be loaded" />
      {closures.data &&
        (here.length === 0 ? (
          <Text size="sm">No closures ahead.</Text>
        ) : (
          <Box component="ul" m={0} pl="md">
            {here.map((closure) => (
              <li key={closure.id}>
                <Text size="sm">
                  {formatDay(closure.date)}: {closure.name}
                  {closure.siteId === null ? ' (every site)' : ''}
                </Text>
              </li>
            ))}
          </Box>
        ))}
      {canDeclare && (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm" mt="md">
            <Notice onDismiss={() => setNotice(null)}>{notice}</Notice>
            <ErrorAlert error={failure} title="The closure could not be declared" />
            <Group align="flex-start" gap="sm">
              <TextInput
                label="Date"
                type="date"
                min={today}
                required
                value={date}
                onChange={(event) => setDate(event.currentTarget.value)}
                error={errors.date}
              />
              <TextInput
                label="Name"
                description="Shown as the reason sessions are cancelled"
                required
                value={name}
                onChange={(event) => setName(event.currentTarget.value)}
                error={errors.name}
                style={{ flex: 1, minWidth: 200 }}
              />
            </Group>
            <Checkbox
              label="Every site of the organisation"
              checked={everySite}
              onChange={(event) => setEverySite(event.currentTarget.checked)}
            />
            <Group>
              <Button type="submit" variant="outline" loading={busy}>
                Declare closure
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Card>
  );
}
