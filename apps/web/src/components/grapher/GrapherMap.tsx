import { Box, Flex, Group, Stack, Text } from '@mantine/core';
import type { DataRow } from '@regionlink/shared';
import type { RefObject } from 'react';
import type { Topology } from 'topojson-specification';
import { useDict, useI18n } from '../../app/i18n';
import { ProvinceMap } from '../ProvinceMap';
import { GRAPHER } from './i18n';
import type { LegendEntry } from './legend';

interface Props {
  topology: Topology;
  boxRef: RefObject<HTMLDivElement | null>;
  height?: number;
  /** The row that colours a province (its own, or its region's). */
  rowOfProvince: (code: string) => DataRow | undefined;
  fillOf: (code: string) => string;
  legend: LegendEntry[];
  ranked: Map<string, number>;
  fmt: (v: number | null | undefined) => string;
  unit: string;
  ariaLabel: string;
  /** Rows are regions or groupings: the hover names the province's code beside its region. */
  byMembers: boolean;
  onProvinceClick?: (code: string) => void;
}

/** What hovering a province shows: its name, value and rank, and how the value was obtained. */
function HoverCard({
  code,
  row,
  ...p
}: { code: string; row: DataRow } & Pick<Props, 'ranked' | 'fmt' | 'unit' | 'byMembers'>) {
  const t = useDict(GRAPHER);
  const { pick } = useI18n();
  const rank = p.ranked.get(row.unitCode);
  return (
    <Stack gap={2}>
      <Text fw={600} size="sm">
        {pick(row.unitName, row.unitNameEn)} {p.byMembers ? `(${t('code')} ${code})` : `(${row.unitCode})`}
      </Text>
      <Text size="sm">
        {row.value === null ? t('noData') : `${p.fmt(row.value)} ${p.unit}`}
        {row.value === null && row.partialValue !== null ? ` (${t('partialOf')}: ${p.fmt(row.partialValue)})` : ''}
      </Text>
      {rank && (
        <Text size="xs">
          {t('rank')} {rank}/{p.ranked.size}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {pick(row.method.textVi, row.method.textEn)}
      </Text>
    </Stack>
  );
}

/**
 * The grapher's Map tab: the provinces coloured by class, a hover card per province, and the legend (beside the map,
 * or under it on a phone, where beside it would squeeze the map to a thumbnail).
 */
export function GrapherMap(p: Props) {
  const t = useDict(GRAPHER);
  const { pick } = useI18n();
  return (
    <Flex direction={{ base: 'column', xs: 'row' }} align="flex-start" gap="md">
      <Box ref={p.boxRef} w="100%" style={{ flex: 1, maxWidth: 620 }} data-testid="grapher-map">
        <ProvinceMap
          topology={p.topology}
          height={p.height ? Math.max(420, p.height) : 600}
          fill={p.fillOf}
          onSelect={p.onProvinceClick}
          ariaLabel={p.ariaLabel}
          labels={{
            hoangSa: pick('QĐ. Hoàng Sa (TP. Đà Nẵng)', 'Hoang Sa (Da Nang)'),
            truongSa: pick('QĐ. Trường Sa (tỉnh Khánh Hòa)', 'Truong Sa (Khanh Hoa)'),
          }}
          hoverCard={(code) => {
            const row = p.rowOfProvince(code);
            return row ? <HoverCard code={code} row={row} {...p} /> : code;
          }}
        />
      </Box>
      <Stack gap={4} miw={170} data-testid="grapher-legend">
        <Text size="sm" fw={600}>
          {p.unit}
        </Text>
        {p.legend.map((l) => (
          <Group key={l.label + l.color} gap={6} wrap="nowrap">
            <Box w={16} h={14} bg={l.color} style={{ border: '1px solid #8a96a3', flex: 'none' }} />
            <Text size="xs">{l.label}</Text>
          </Group>
        ))}
        {p.onProvinceClick && (
          <Text size="xs" c="dimmed" mt="xs">
            {t('clickHint')}
          </Text>
        )}
      </Stack>
    </Flex>
  );
}
