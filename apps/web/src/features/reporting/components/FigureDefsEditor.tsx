import { ActionIcon, Button, Card, Group, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import type { FigureDef } from '@regionlink/shared';
import { useDict, useI18n } from '../../../app/i18n';
import { DICT } from '../i18n';

/** Field errors of figure definitions, keyed `taskId.index.field` (e.g. `12.0.key`), each in both languages. */
export type FigureErrors = Record<string, { vi: string; en: string }>;

const KEY_RE = /^[a-z][a-z0-9_]{0,39}$/;

/** A figure code suggested from a label: accents dropped, đ → d, lower case, words joined by _. */
export function suggestKey(label: string): string {
  const s = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^[0-9_]+/, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  return s;
}

/**
 * The same rules as the server's `FigureDef` schema and cycle validation (so the form names the field before
 * sending): a code of lower-case letters, digits and _, unique in its task; both labels; 0–4 decimals.
 */
export function validateFigures(figures: Record<number, FigureDef[]>, taskIds: number[]): FigureErrors {
  const errors: FigureErrors = {};
  for (const taskId of taskIds) {
    const seen = new Set<string>();
    (figures[taskId] ?? []).forEach((f, j) => {
      const at = `${taskId}.${j}`;
      if (!KEY_RE.test(f.key))
        errors[`${at}.key`] = {
          vi: 'Mã gồm chữ thường không dấu, chữ số và _, bắt đầu bằng chữ (tối đa 40 ký tự).',
          en: 'A code of lower-case letters, digits and _, starting with a letter (at most 40).',
        };
      else if (seen.has(f.key))
        errors[`${at}.key`] = {
          vi: 'Mã bị dùng hai lần trong nhiệm vụ này.',
          en: 'This code is used twice in the task.',
        };
      seen.add(f.key);
      if (!f.labelVi.trim())
        errors[`${at}.labelVi`] = { vi: 'Cần tên tiếng Việt.', en: 'A Vietnamese label is needed.' };
      if (!f.labelEn.trim()) errors[`${at}.labelEn`] = { vi: 'Cần tên tiếng Anh.', en: 'An English label is needed.' };
      if (f.labelVi.length > 300 || f.labelEn.length > 300)
        errors[`${at}.${f.labelVi.length > 300 ? 'labelVi' : 'labelEn'}`] = {
          vi: 'Tối đa 300 ký tự.',
          en: 'At most 300 characters.',
        };
      if (f.unitVi.length > 50) errors[`${at}.unitVi`] = { vi: 'Tối đa 50 ký tự.', en: 'At most 50 characters.' };
      if (f.unitEn.length > 50) errors[`${at}.unitEn`] = { vi: 'Tối đa 50 ký tự.', en: 'At most 50 characters.' };
      if (!Number.isInteger(f.decimals) || f.decimals < 0 || f.decimals > 4)
        errors[`${at}.decimals`] = { vi: 'Từ 0 đến 4 chữ số thập phân.', en: 'From 0 to 4 decimals.' };
    });
  }
  return errors;
}

export const blankFigure = (): FigureDef => ({
  key: '',
  labelVi: '',
  labelEn: '',
  unitVi: '',
  unitEn: '',
  decimals: 0,
  appliesTo: 'all',
});

interface OutlineTaskRef {
  id: number;
  code: string;
  shortTitleVi: string;
  titleEn: string;
}

/**
 * The figures the outline asks for, task by task: pick a task, add rows (code, labels, unit, decimals, who reports
 * it). Errors come from `validateFigures` and from the server's field errors, mapped to the same keys.
 */
export function FigureDefsEditor({
  tasks,
  figures,
  onChange,
  errors,
}: {
  /** The tasks selected in the outline, in outline order. */
  tasks: OutlineTaskRef[];
  figures: Record<number, FigureDef[]>;
  onChange: (next: Record<number, FigureDef[]>) => void;
  errors: FigureErrors;
}) {
  const t = useDict(DICT);
  const { pick, lang } = useI18n();
  const withFigures = tasks.filter((x) => (figures[x.id] ?? []).length > 0);
  const setRow = (taskId: number, j: number, patch: Partial<FigureDef>) => {
    const rows = [...(figures[taskId] ?? [])];
    rows[j] = { ...rows[j], ...patch };
    onChange({ ...figures, [taskId]: rows });
  };
  const add = (taskId: number) => onChange({ ...figures, [taskId]: [...(figures[taskId] ?? []), blankFigure()] });
  const remove = (taskId: number, j: number) =>
    onChange({ ...figures, [taskId]: (figures[taskId] ?? []).filter((_f, k) => k !== j) });
  const err = (taskId: number, j: number, field: string) => errors[`${taskId}.${j}.${field}`]?.[lang];
  return (
    <Card withBorder padding="sm" data-testid="figure-defs">
      <Group justify="space-between" mb={6} align="flex-end">
        <div>
          <Text fw={600} size="sm">
            {t('figureDefsTitle')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('figureDefsHint')}
          </Text>
        </div>
        <Select
          size="xs"
          w={380}
          placeholder={t('figureAddToTask')}
          aria-label={t('figureAddToTask')}
          data={tasks.map((x) => ({ value: String(x.id), label: `${x.code} — ${pick(x.shortTitleVi, x.titleEn)}` }))}
          value={null}
          searchable
          onChange={(v) => v && add(Number(v))}
          data-testid="figure-add-task"
        />
      </Group>
      {withFigures.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('figureNone')}
        </Text>
      )}
      <Stack gap="sm">
        {withFigures.map((task) => (
          <div key={task.id} data-testid={`figure-task-${task.code}`}>
            <Group justify="space-between" mb={4}>
              <Text size="sm" fw={600}>
                {task.code} — {pick(task.shortTitleVi, task.titleEn)}
              </Text>
              <Button size="compact-xs" variant="light" onClick={() => add(task.id)}>
                + {t('figureAdd')}
              </Button>
            </Group>
            <Table withTableBorder verticalSpacing={4} horizontalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={210}>{t('figureKey')}</Table.Th>
                  <Table.Th>{t('figureLabelVi')}</Table.Th>
                  <Table.Th>{t('figureLabelEn')}</Table.Th>
                  <Table.Th w={130}>{t('figureUnit')}</Table.Th>
                  <Table.Th w={90}>{t('figureDecimals')}</Table.Th>
                  <Table.Th w={190}>{t('figureAppliesTo')}</Table.Th>
                  <Table.Th w={40} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(figures[task.id] ?? []).map((f, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until their code is typed
                  <Table.Tr key={j} data-testid={`figure-row-${task.code}-${j}`} style={{ verticalAlign: 'top' }}>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        aria-label={t('figureKey')}
                        placeholder={t('figureKeyPlaceholder')}
                        value={f.key}
                        onChange={(e) => setRow(task.id, j, { key: e.currentTarget.value })}
                        error={err(task.id, j, 'key')}
                        data-testid="figure-key"
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        aria-label={t('figureLabelVi')}
                        value={f.labelVi}
                        onChange={(e) => setRow(task.id, j, { labelVi: e.currentTarget.value })}
                        onBlur={() => !f.key && f.labelVi && setRow(task.id, j, { key: suggestKey(f.labelVi) })}
                        error={err(task.id, j, 'labelVi')}
                        data-testid="figure-label-vi"
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        aria-label={t('figureLabelEn')}
                        value={f.labelEn}
                        onChange={(e) => setRow(task.id, j, { labelEn: e.currentTarget.value })}
                        error={err(task.id, j, 'labelEn')}
                        data-testid="figure-label-en"
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        aria-label={t('figureUnit')}
                        placeholder="km"
                        value={f.unitVi}
                        onChange={(e) => setRow(task.id, j, { unitVi: e.currentTarget.value })}
                        error={err(task.id, j, 'unitVi')}
                        data-testid="figure-unit"
                      />
                      <TextInput
                        size="xs"
                        mt={8}
                        aria-label={t('figureUnitEn')}
                        placeholder="km"
                        value={f.unitEn}
                        onChange={(e) => setRow(task.id, j, { unitEn: e.currentTarget.value })}
                        error={err(task.id, j, 'unitEn')}
                        data-testid="figure-unit-en"
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        size="xs"
                        aria-label={t('figureDecimals')}
                        min={0}
                        max={4}
                        allowDecimal={false}
                        value={f.decimals}
                        onChange={(v) => setRow(task.id, j, { decimals: typeof v === 'number' ? v : Number(v) || 0 })}
                        error={err(task.id, j, 'decimals')}
                        data-testid="figure-decimals"
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        size="xs"
                        aria-label={t('figureAppliesTo')}
                        allowDeselect={false}
                        value={f.appliesTo}
                        onChange={(v) => v && setRow(task.id, j, { appliesTo: v as FigureDef['appliesTo'] })}
                        data={[
                          { value: 'all', label: t('figureAppliesAll') },
                          { value: 'central', label: t('figureAppliesCentral') },
                          { value: 'locality', label: t('figureAppliesLocality') },
                        ]}
                        data-testid="figure-applies"
                      />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('figureRemove')}
                        title={t('figureRemove')}
                        onClick={() => remove(task.id, j)}
                      >
                        ✕
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        ))}
      </Stack>
    </Card>
  );
}
