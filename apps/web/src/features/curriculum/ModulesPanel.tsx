import {
  Badge,
  Box,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Loader,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  type CurriculumModule,
  curriculumModuleInput,
  curriculumModuleSchema,
  curriculumSchema,
  type Program,
  sessionModalities,
  sessionModalityLabels,
} from '@stepwise/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { apiFieldErrors, type FieldErrors, schemaErrors } from '../../api/form-errors';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Notice } from '../../ui/Notice';
import { byModality, useProgramModules } from './curriculum-data';

const modalityOptions = sessionModalities.map((value) => ({ value, label: sessionModalityLabels[value] }));

/**
 * The program's curriculum: its modules in rotation order, by the kind of group that teaches them
 * (each group of a modality works through that modality's modules in turn, one a session). Schedulers
 * add a module, move one up or down its modality's order, mark it required or optional, or retire it.
 * Every change reaches the sessions to come at once, so `onChanged` lets the page reload what depends
 * on them.
 */
export function ModulesPanel({
  program,
  canManage,
  onChanged,
}: {
  program: Program;
  canManage: boolean;
  onChanged: () => void;
}) {
  const [version, setVersion] = useState(0);
  const modules = useProgramModules(program.id, version);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [retiring, setRetiring] = useState<CurriculumModule | null>(null);
  const [retireFailure, setRetireFailure] = useState<unknown>(undefined);
  // After a move, keyboard focus returns to the moved module's button once the list shows it in its
  // new place (the buttons are disabled meanwhile, which would otherwise drop focus to the page).
  const moveButtons = useRef(new Map<string, HTMLButtonElement>());
  const refocus = useRef<{ id: string; index: number; key: string } | null>(null);

  const all = modules.data ?? [];
  const current = all.filter((module) => module.retiredAt === null);
  const retired = all.filter((module) => module.retiredAt !== null);

  useEffect(() => {
    const pending = refocus.current;
    if (!pending || busy) return;
    const module = current.find((candidate) => candidate.id === pending.id);
    const same = current.filter((candidate) => candidate.modality === module?.modality);
    if (same.findIndex((candidate) => candidate.id === pending.id) !== pending.index) return;
    refocus.current = null;
    moveButtons.current.get(pending.key)?.focus();
  });

  const changed = (message: string) => {
    setNotice(message);
    setVersion((count) => count + 1);
    onChanged();
  };

  /** Runs one change, showing its failure above the list. */
  const act = async (change: () => Promise<string>) => {
    setBusy(true);
    setFailure(undefined);
    setNotice(null);
    try {
      changed(await change());
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  /** Swaps the module with its neighbour in its modality's order; the other modalities keep theirs. */
  const move = (module: CurriculumModule, by: -1 | 1) =>
    act(async () => {
      const same = current.filter((candidate) => candidate.modality === module.modality);
      const index = same.findIndex((candidate) => candidate.id === module.id);
      const neighbour = same[index + by];
      if (!neighbour) return `${module.name} stays where it is.`;
      const order = current.map((candidate) => candidate.id);
      const from = order.indexOf(module.id);
      const to = order.indexOf(neighbour.id);
      order[from] = neighbour.id;
      order[to] = module.id;
      await api.put(
        `/programs/${program.id}/curriculum/order`,
        { moduleIds: order },
        { schema: curriculumSchema },
      );
      const landed = index + by;
      // At the top or bottom the same button is disabled: focus goes to the other direction's.
      const edge = landed === 0 ? 'down' : landed === same.length - 1 ? 'up' : by < 0 ? 'up' : 'down';
      refocus.current = { id: module.id, index: landed, key: `${module.id}:${edge}` };
      return `${module.name} moved ${by < 0 ? 'up' : 'down'}: now number ${index + by + 1} of ${same.length} in ${sessionModalityLabels[module.modality]}.`;
    });

  const toggleRequired = (module: CurriculumModule) =>
    act(async () => {
      const updated = await api.patch(
        `/curriculum-modules/${module.id}`,
        { required: !module.required },
        { schema: curriculumModuleSchema },
      );
      return updated.required
        ? `${updated.name} is now required of every participant.`
        : `${updated.name} is now optional.`;
    });

  const confirmRetire = async () => {
    if (!retiring) return;
    setBusy(true);
    setRetireFailure(undefined);
    setNotice(null);
    try {
      const updated = await api.patch(
        `/curriculum-modules/${retiring.id}`,
        { retired: true },
        { schema: curriculumModuleSchema },
      );
      setRetiring(null);
      changed(`${updated.name} is retired: the sessions to come teach the other modules.`);
    } catch (error) {
      setRetireFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder component="section" aria-labelledby="modules-heading">
      <Title order={2} size="h3" id="modules-heading" mb={4}>
        Modules in rotation
      </Title>
      <Text size="sm" mb="sm">
        Groups of each kind teach its modules in this order, one a session, then start again, so people who
        join any week come round to what they missed.
      </Text>
      <Notice onDismiss={() => setNotice(null)} mb="sm">
        {notice}
      </Notice>
      <ErrorAlert error={failure} title="The curriculum could not be changed" />
      <ErrorAlert error={modules.error} title="The curriculum could not be loaded" />
      {!modules.data && !modules.error && <Loader size="sm" aria-label="Loading the curriculum" />}
      {modules.data && current.length === 0 && (
        <Text size="sm">{program.name} has no curriculum modules yet.</Text>
      )}
      <Stack gap="md">
        {byModality(current).map((group) => {
          const headingId = `modality-${group.modality}`;
          return (
            <Box component="section" aria-labelledby={headingId} key={group.modality}>
              <Title order={3} size="h5" id={headingId} mb={4}>
                {group.label}
              </Title>
              <List type="ordered" spacing="xs" size="sm" aria-label={`${group.label} modules in order`}>
                {group.modules.map((module, index) => (
                  <List.Item key={module.id}>
                    <Group gap="xs" wrap="wrap" align="center">
                      <Text size="sm" fw={600}>
                        {module.name}
                      </Text>
                      <Badge color={module.required ? 'blue.9' : 'gray.7'} variant="filled" size="sm">
                        {module.required ? 'Required' : 'Optional'}
                      </Badge>
                    </Group>
                    {module.description && <Text size="xs">{module.description}</Text>}
                    {canManage && (
                      <Group gap={6} mt={4} wrap="wrap">
                        <Button
                          size="compact-xs"
                          variant="outline"
                          aria-label={`Move up: ${module.name}`}
                          ref={(element) => {
                            if (element) moveButtons.current.set(`${module.id}:up`, element);
                            else moveButtons.current.delete(`${module.id}:up`);
                          }}
                          disabled={busy || index === 0}
                          onClick={() => void move(module, -1)}
                        >
                          Move up
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="outline"
                          aria-label={`Move down: ${module.name}`}
                          ref={(element) => {
                            if (element) moveButtons.current.set(`${module.id}:down`, element);
                            else moveButtons.current.delete(`${module.id}:down`);
                          }}
                          disabled={busy || index === group.modules.length - 1}
                          onClick={() => void move(module, 1)}
                        >
                          Move down
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="outline"
                          aria-label={`${module.required ? 'Make optional' : 'Make required'}: ${module.name}`}
                          disabled={busy}
                          onClick={() => void toggleRequired(module)}
                        >
                          {module.required ? 'Make optional' : 'Make required'}
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="outline"
                          color="red.9"
                          aria-label={`Retire: ${module.name}`}
                          disabled={busy}
                          onClick={() => {
                            setRetireFailure(undefined);
                            setRetiring(module);
                          }}
                        >
                          Retire
                        </Button>
                      </Group>
                    )}
                  </List.Item>
                ))}
              </List>
            </Box>
          );
        })}
      </Stack>
      {retired.length > 0 && (
        <Text size="sm" mt="md">
          Retired, no longer taught: {retired.map((module) => module.name).join('; ')}.
        </Text>
      )}
      {canManage && (
        <AddModuleForm
          programId={program.id}
          onAdded={(module) =>
            changed(
              `${module.name} added: ${sessionModalityLabels[module.modality]} groups teach it after the others.`,
            )
          }
        />
      )}

      <Modal opened={retiring !== null} onClose={() => setRetiring(null)} title="Retire module">
        <Stack>
          <Text>
            Retire {retiring?.name}? It is no longer taught or counted in anyone’s coverage; the sessions to
            come teach the other modules instead. Sessions that taught it keep it in their history. A retired
            module cannot be brought back.
          </Text>
          <ErrorAlert error={retireFailure} title="The module could not be retired" />
          <Group justify="flex-end">
            <Button variant="subtle" onClick={() => setRetiring(null)}>
              Keep the module
            </Button>
            <Button color="red.9" loading={busy} onClick={() => void confirmRetire()}>
              Retire module
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

/** Adds a module at the end of its modality's order; the name must be new in the program. */
function AddModuleForm({
  programId,
  onAdded,
}: {
  programId: string;
  onAdded: (module: CurriculumModule) => void;
}) {
  const [name, setName] = useState('');
  const [modality, setModality] = useState<string | null>(null);
  const [required, setRequired] = useState(true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = { name: name.trim(), modality: modality ?? undefined, required };
    const invalid = schemaErrors(curriculumModuleInput, input);
    if (!modality) invalid.modality = 'Choose the kind of group that teaches it.';
    setErrors(invalid);
    setFailure(undefined);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    try {
      const module = await api.post(`/programs/${programId}/curriculum/modules`, input, {
        schema: curriculumModuleSchema,
      });
      setName('');
      setRequired(true);
      onAdded(module);
    } catch (error) {
      setErrors(apiFieldErrors(error));
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box component="form" onSubmit={submit} noValidate mt="lg" aria-labelledby="add-module-heading">
      <Title order={3} size="h5" id="add-module-heading" mb="xs">
        Add a module
      </Title>
      <Stack gap="sm">
        <ErrorAlert error={failure} title="The module could not be added" />
        <Group align="flex-start" gap="sm">
          <TextInput
            label="Name"
            required
            maxLength={120}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.name}
            style={{ flex: 2, minWidth: 200 }}
          />
          <Select
            label="Taught by"
            description="The kind of group that teaches it"
            required
            data={modalityOptions}
            value={modality}
            onChange={setModality}
            allowDeselect={false}
            placeholder="Choose"
            error={errors.modality}
            style={{ flex: 1, minWidth: 200 }}
          />
        </Group>
        <Checkbox
          label="Required of every participant"
          description="Optional modules are taught, but nobody is flagged for missing one"
          checked={required}
          onChange={(event) => setRequired(event.currentTarget.checked)}
        />
        <Group>
          <Button type="submit" variant="outline" loading={busy}>
            Add module
          </Button>
        </Group>
      </Stack>
    </Box>
  );
}
