import { Skeleton, Stack, Table, Text } from '@mantine/core';
import { Fragment } from 'react';
import { useDict, useI18n } from '../../app/i18n';
import { formatNumber } from '../../lib/format';
import { ANALYTICS } from './i18n';
import type { KeyFigure } from './model';
import { Sparkline } from './Sparkline';

/** The key figures: value and year, national and regional rank, sparkline, method and source. */
export function KeyFiguresTable({
  figures,
  selected,
  onSelect,
  sourceOf,
  regionRank = true,
  nationalRank = true,
}: {
  figures: KeyFigure[];
  selected: string;
  onSelect: (code: string) => void;
  sourceOf: (f: KeyFigure) => string;
  /** Show the "rank in region" column (provinces only). */
  regionRank?: boolean;
  /** Show the national rank column (not for the nation itself). */
  nationalRank?: boolean;
}) {
  const t = useDict(ANALYTICS);
  const { lang, pick } = useI18n();
  // On a phone the source and method line gets a row of its own, across the table: beside the value it was a column
  // a few words wide and made each figure 450 px tall. Both places are drawn and the stylesheet shows one
  // (app/responsive.css), so that the server's first screen of the dashboard (app/ssr.tsx) is right at any width.
  const columns = 3 + (nationalRank ? 1 : 0) + (regionRank ? 1 : 0);
  return (
    <Table fz="sm" highlightOnHover data-testid="key-figures">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('indicator')}</Table.Th>
          <Table.Th ta="right">{t('value')}</Table.Th>
          {nationalRank && <Table.Th ta="right">{t('rankNational')}</Table.Th>}
          {regionRank && <Table.Th ta="right">{t('rankRegion')}</Table.Th>}
          <Table.Th>{t('trend')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {figures.map((f) => {
          const unitText = pick(f.indicator.unitVi, f.indicator.unitEn);
          const name = pick(f.indicator.nameVi, f.indicator.nameEn);
          const years = f.trend.filter((p) => p.value !== null);
          const sourceText =
            f.row && `${t('source')}: ${sourceOf(f)}. ${t('method')}: ${pick(f.row.method.textVi, f.row.method.textEn)}`;
          const rowProps = {
            onClick: () => onSelect(f.indicator.code),
            style: { cursor: 'pointer' },
            bg: selected === f.indicator.code ? 'blue.0' : undefined,
          };
          return (
            <Fragment key={f.indicator.code}>
              <Table.Tr
                data-testid="key-figure"
                data-indicator={f.indicator.code}
                {...rowProps}
                className="rl-kf-row"
                data-with-source={sourceText ? '' : undefined}
              >
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {name}
                  </Text>
                  {sourceText && (
                    <Text size="xs" c="dimmed" className="rl-kf-inline-source" data-testid="figure-source">
                      {sourceText}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" className="rl-kf-value" data-testid="figure-value">
                  {f.row ? (
                    <>
                      <Text span fw={600} size="sm">
                        {formatNumber(f.row.value, lang, f.indicator.decimals)}
                      </Text>{' '}
                      <Text span size="xs" c="dimmed">
                        {unitText}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('year')} {f.period}
                        {f.row.status && f.row.status !== 'final'
                          ? ` · ${f.row.status === 'estimate' ? pick('ước tính', 'estimate') : pick('sơ bộ', 'provisional')}`
                          : ''}
                      </Text>
                    </>
                  ) : (
                    <Text size="xs" c="dimmed">
                      {t('noValue')}
                    </Text>
                  )}
                </Table.Td>
                {nationalRank && (
                  <Table.Td ta="right" data-testid="rank-national" style={{ whiteSpace: 'nowrap' }}>
                    {f.nationalRank !== null ? `${f.nationalRank}/${f.nationalOf}` : '—'}
                  </Table.Td>
                )}
                {regionRank && (
                  <Table.Td ta="right" data-testid="rank-region" style={{ whiteSpace: 'nowrap' }}>
                    {f.regionRank !== null ? `${f.regionRank}/${f.regionOf}` : '—'}
                  </Table.Td>
                )}
                <Table.Td>
                  <Sparkline
                    className="rl-kf-spark"
                    points={f.trend}
                    label={`${name}: ${years.map((p) => `${p.period} ${formatNumber(p.value, lang, f.indicator.decimals)}`).join('; ')}`}
                  />
                  {years.length > 1 && (
                    <Text size="10px" c="dimmed" lh={1}>
                      {years[0].period}–{years.at(-1)?.period}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
              {sourceText && (
                <Table.Tr data-indicator={f.indicator.code} {...rowProps} className="rl-kf-source-row">
                  <Table.Td colSpan={columns} pt={0}>
                    <Text size="xs" c="dimmed">
                      {sourceText}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/**
 * The place of the key figures while they load: a grey bar per figure, each no taller than its row will be, so that
 * the cards below do not move when the table arrives (the dashboard's layout shift).
 */
export function KeyFiguresSkeleton({ rows }: { rows: number }) {
  const { t } = useI18n();
  return (
    <Stack gap="md" role="status" aria-label={t('loading')} data-testid="key-figures-loading">
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders, all alike
        <Skeleton key={i} h={64} />
      ))}
    </Stack>
  );
}
