import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type {
  ReportDraftResponse,
  ReportTable,
  StatisticsTableInput,
  StatisticsTableResponse,
} from '@regionlink/shared';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useDict, useI18n } from '../../app/i18n';
import { ApiError, apiFetch } from '../../lib/api';
import { useGroupings, useIndicators } from '../statistics/api';
import { useSaveUnit } from './DraftParts';
import { DRAFT_DICT } from './i18n';

/**
 * "Insert a table from the statistics database": staff pick indicators, the regions or the provinces of one region,
 * and years; the server builds the table with the query engine and writes its source line (datasets, releases,
 * method, geography); staff check the preview, may retitle it, and insert it into the draft like any staff table.
 */
export function StatisticsTablePicker({ d }: { d: ReportDraftResponse }) {
  const t = useDict(DRAFT_DICT);
  const { pick, lang } = useI18n();
  const save = useSaveUnit(d);
  const at = d.model.settings.geographyDate;
  const indicators = useIndicators();
  const groupings = useGroupings(at);
  const [codes, setCodes] = useState<string[]>([]);
  const [level, setLevel] = useState<'region' | 'province'>('region');
  const [region, setRegion] = useState<string | null>(null);
  const [years, setYears] = useState<string[]>([]);
  const [total, setTotal] = useState(true);
  const [preview, setPreview] = useState<StatisticsTableResponse | null>(null);
  const [title, setTitle] = useState('');
  const [inserted, setInserted] = useState<string | null>(null);

  const regions = (groupings.data?.items ?? []).filter((g) => g.type === 'region');
  const chosen = (indicators.data?.items ?? []).filter((i) => codes.includes(i.code));
  // The years with data for any chosen indicator, newest first.
  const yearOptions = useMemo(
    () => [...new Set(chosen.flatMap((i) => i.periods))].sort((a, b) => b - a).map(String),
    [chosen],
  );

  const build = useMutation({
    mutationFn: (body: StatisticsTableInput) =>
      apiFetch<StatisticsTableResponse>(`/api/v1/cycles/${d.cycleId}/report/statistics-table`, {
        method: 'POST',
        json: body,
      }),
    onSuccess: (res) => {
      setPreview(res);
      setTitle(res.table.title);
      setInserted(null);
    },
  });
  const canBuild = codes.length > 0 && years.length > 0 && (level === 'region' || !!region);
  const insert = async () => {
    if (!preview) return;
    const table: ReportTable = { ...preview.table, title: title.trim() || preview.table.title };
    if (await save.save([{ kind: 'table', table }])) {
      setInserted(table.title);
      setPreview(null);
    }
  };

  return (
    <Card withBorder padding="sm" bg="gray.0" data-testid="statistics-table-picker">
      <Title order={6}>{t('statTitle')}</Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('statNote')}
      </Text>
      <Stack gap={6}>
        <MultiSelect
          size="xs"
          label={t('statIndicators')}
          searchable
          maxValues={6}
          data-testid="stat-indicators"
          data={(indicators.data?.items ?? []).map((i) => ({
            value: i.code,
            label: `${pick(i.nameVi, i.nameEn)} (${pick(i.unitVi, i.unitEn)})`,
          }))}
          value={codes}
          onChange={setCodes}
        />
        <Group gap="xs" align="flex-end">
          <SegmentedControl
            size="xs"
            data-testid="stat-level"
            value={level}
            onChange={(v) => setLevel(v as 'region' | 'province')}
            data={[
              { value: 'region', label: t('statLevelRegions') },
              { value: 'province', label: t('statLevelProvinces') },
            ]}
          />
          {level === 'province' && (
            <Select
              size="xs"
              label={t('statRegion')}
              data-testid="stat-region"
              data={regions.map((g) => ({ value: g.code, label: pick(g.nameVi, g.nameEn) }))}
              value={region}
              onChange={setRegion}
            />
          )}
          <MultiSelect
            size="xs"
            label={t('statYears')}
            data-testid="stat-years"
            data={yearOptions}
            value={years}
            onChange={setYears}
            w={260}
          />
          <Checkbox
            size="xs"
            label={level === 'region' ? t('statTotalNation') : t('statTotalRegion')}
            checked={total}
            onChange={(e) => setTotal(e.currentTarget.checked)}
          />
          <Button
            size="xs"
            variant="light"
            disabled={!canBuild}
            loading={build.isPending}
            onClick={() =>
              build.mutate({
                indicators: codes,
                level,
                ...(level === 'province' && region ? { region } : {}),
                years: years.map(Number),
                total,
              })
            }
          >
            {t('statBuild')}
          </Button>
        </Group>
        {build.error instanceof ApiError && (
          <Alert color="red" p="xs" role="alert">
            {build.error.text(lang)}
          </Alert>
        )}
        {preview && (
          <Stack gap={4} data-testid="stat-preview">
            <TextInput
              size="xs"
              label={t('tableTitle')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
            />
            <Table fz="xs" withTableBorder withColumnBorders>
              <Table.Thead>
                <Table.Tr>
                  {preview.table.columns.map((c) => (
                    <Table.Th key={c.label} ta={c.align}>
                      {c.label}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.table.rows.map((r) => (
                  <Table.Tr key={r[0]}>
                    {r.map((c, i) => (
                      <Table.Td key={preview.table.columns[i].label} ta={preview.table.columns[i].align}>
                        {c}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="xs" fs="italic" data-testid="stat-source">
              {preview.table.source}
            </Text>
            <Group gap="xs">
              <Button size="xs" onClick={insert} loading={save.saving}>
                {t('statInsert')}
              </Button>
              <Button size="xs" variant="subtle" color="gray" onClick={() => setPreview(null)}>
                {t('cancel')}
              </Button>
            </Group>
          </Stack>
        )}
        {save.error && (
          <Text size="xs" c="red" role="alert">
            {save.error}
          </Text>
        )}
        {inserted && (
          <Alert color="teal" p="xs" data-testid="stat-inserted">
            {t('statInserted').replace('{title}', inserted)}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
