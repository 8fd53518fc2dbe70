import { Badge, Group, Pagination, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import type { DataRow } from '@regionlink/shared';
import { viCollator } from '@regionlink/shared';
import { useEffect, useMemo, useState } from 'react';
import { useDict, useI18n } from '../../app/i18n';
import { formatNumber } from '../../lib/format';
import { GRAPHER } from './i18n';

type SortKey = 'name' | 'value' | 'code';
interface Sort {
  by: SortKey;
  dir: 1 | -1;
}
const PAGE = 50;

/** Rows sorted by Vietnamese name (the default), by value (missing last) or by code. */
function sortRows(rows: DataRow[], sort: Sort, lang: string): DataRow[] {
  const name = (r: DataRow) => (lang === 'vi' ? r.unitName : r.unitNameEn);
  return [...rows].sort((a, b) => {
    if (sort.by === 'value') {
      const av = a.value ?? Number.NEGATIVE_INFINITY;
      const bv = b.value ?? Number.NEGATIVE_INFINITY;
      return (av - bv) * sort.dir || viCollator.compare(name(a), name(b));
    }
    if (sort.by === 'code') return a.unitCode.localeCompare(b.unitCode) * sort.dir;
    return viCollator.compare(name(a), name(b)) * sort.dir;
  });
}

interface Props {
  rows: DataRow[];
  ranked: Map<string, number>;
  fmt: (v: number | null | undefined) => string;
  unit: string;
  /** Rows drawn on the chart are highlighted (when the chart cannot draw them all); a click toggles one. */
  isHighlighted: (code: string) => boolean;
  onToggle: (code: string) => void;
  /** Another period or other data (the response the rows come from) starts again at page 1. */
  period: number | string;
  source: unknown;
}

/** The grapher's Table tab: one row per unit with value, rank, method and coverage; sortable, 50 rows a page. */
export function GrapherTable({ rows, ranked, fmt, unit, isHighlighted, onToggle, period, source }: Props) {
  const t = useDict(GRAPHER);
  const { lang } = useI18n();
  const [sort, setSort] = useState<Sort>({ by: 'name', dir: 1 });
  const [page, setPage] = useState(1);
  // biome-ignore lint/correctness/useExhaustiveDependencies: another period or other data starts at page 1
  useEffect(() => {
    setPage(1);
  }, [period, source]);
  const sorted = useMemo(() => sortRows(rows, sort, lang), [rows, sort, lang]);
  const pages = Math.ceil(sorted.length / PAGE);
  const sortBy = (by: SortKey) =>
    setSort((s) => ({ by, dir: s.by === by ? (s.dir === 1 ? -1 : 1) : by === 'value' ? -1 : 1 }));
  const arrow = (by: SortKey) => (sort.by === by ? (sort.dir === 1 ? ' ▲' : ' ▼') : '');
  return (
    <>
      <Table striped highlightOnHover fz="sm" data-testid="grapher-table" stickyHeader>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={80}>
              <UnstyledButton onClick={() => sortBy('code')} fz="sm" fw={600}>
                {t('code')}
                {arrow('code')}
              </UnstyledButton>
            </Table.Th>
            <Table.Th>
              <UnstyledButton onClick={() => sortBy('name')} fz="sm" fw={600} data-testid="sort-name">
                {t('unitName')}
                {arrow('name')}
              </UnstyledButton>
            </Table.Th>
            <Table.Th ta="right">
              <UnstyledButton onClick={() => sortBy('value')} fz="sm" fw={600} data-testid="sort-value">
                {t('value')} ({unit}){arrow('value')}
              </UnstyledButton>
            </Table.Th>
            <Table.Th w={60} ta="right">
              {t('rank')}
            </Table.Th>
            <Table.Th>{t('method')}</Table.Th>
            <Table.Th w={90}>{t('coverage')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.slice((page - 1) * PAGE, page * PAGE).map((r) => (
            <Row
              key={r.unitCode}
              r={r}
              rank={ranked.get(r.unitCode)}
              fmt={fmt}
              lit={isHighlighted(r.unitCode)}
              onToggle={onToggle}
            />
          ))}
        </Table.Tbody>
      </Table>
      {pages > 1 && (
        <Group justify="space-between" mt="xs">
          <Text size="xs" c="dimmed">
            {t('showing')} {(page - 1) * PAGE + 1}–{Math.min(page * PAGE, sorted.length)} {t('of')} {sorted.length}{' '}
            {t('units')}
          </Text>
          <Pagination size="sm" total={pages} value={page} onChange={setPage} />
        </Group>
      )}
    </>
  );
}

/** One unit's row. */
function Row({
  r,
  rank,
  fmt,
  lit,
  onToggle,
}: {
  r: DataRow;
  rank: number | undefined;
  fmt: Props['fmt'];
  lit: boolean;
  onToggle: (code: string) => void;
}) {
  const t = useDict(GRAPHER);
  const { lang, pick } = useI18n();
  return (
    <Table.Tr
      data-testid="grapher-row"
      data-code={r.unitCode}
      onClick={() => onToggle(r.unitCode)}
      style={{ cursor: 'pointer' }}
      bg={lit ? 'blue.0' : undefined}
    >
      <Table.Td>{r.unitCode}</Table.Td>
      <Table.Td data-testid="grapher-name">{pick(r.unitName, r.unitNameEn)}</Table.Td>
      <Table.Td ta="right" data-testid="grapher-value" style={{ whiteSpace: 'nowrap' }}>
        <Value r={r} fmt={fmt} />
        {r.status && r.status !== 'final' && (
          <Badge size="xs" variant="light" color={r.status === 'estimate' ? 'grape' : 'yellow'} ml={6}>
            {t(r.status)}
          </Badge>
        )}
        {r.median !== null && (
          <Text span size="xs" c="dimmed" ml={4}>
            {t('median')} {fmt(r.median)}
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">{rank ?? ''}</Table.Td>
      <Table.Td>
        <Text size="xs">{pick(r.method.textVi, r.method.textEn)}</Text>
        {r.alternatives.map((a) => (
          <Text size="xs" c="grape.8" key={a.value}>
            {t('alternatives')}: {fmt(a.value)} ({a.differencePct > 0 ? '+' : ''}
            {formatNumber(a.differencePct, lang, 2)}%) — {pick(a.method.textVi, a.method.textEn)}
          </Text>
        ))}
      </Table.Td>
      <Table.Td>
        {r.coverage.complete ? (
          <Text size="xs">
            {r.coverage.withData}/{r.coverage.total}
          </Text>
        ) : (
          <Tooltip label={t('incomplete')}>
            <Badge size="xs" color="orange" variant="light" tt="none">
              {r.coverage.withData}/{r.coverage.total} ⚠
            </Badge>
          </Tooltip>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** The value; when missing, the partial sum in brackets (some members lack data), else a dash. */
function Value({ r, fmt }: { r: DataRow; fmt: Props['fmt'] }) {
  const t = useDict(GRAPHER);
  if (r.value !== null) return <>{fmt(r.value)}</>;
  if (r.partialValue === null) return <>—</>;
  return (
    <Tooltip label={t('partialOf')}>
      <Text span c="dimmed" size="sm">
        ({fmt(r.partialValue)})
      </Text>
    </Tooltip>
  );
}
