import { Anchor, Stack, Text } from '@mantine/core';
import type { DataResponse } from '@regionlink/shared';
import { useDict, useI18n } from '../../app/i18n';
import { GRAPHER } from './i18n';

/** Under the figure: where the figures come from, how they were aggregated, caveats, and the datasets' pages. */
export function GrapherFooter({
  data,
  sourceText,
  ruleText,
}: {
  data: DataResponse;
  sourceText: string;
  ruleText: string;
}) {
  const t = useDict(GRAPHER);
  const { pick } = useI18n();
  const caveats = data.datasets.map((d) => pick(d.caveatsVi, d.caveatsEn)).filter(Boolean);
  return (
    <Stack gap={2} data-testid="grapher-footer" pt={4} style={{ borderTop: '1px solid #e3e7ec' }}>
      <Text size="xs">
        <b>{t('source')}:</b> {sourceText || '—'}
      </Text>
      <Text size="xs">
        <b>{t('methodFoot')}:</b> {ruleText}. {pick(data.notesVi.join(' '), data.notesEn.join(' '))}
      </Text>
      {caveats.length > 0 && (
        <Text size="xs" c="dimmed">
          {caveats.join(' ')}
        </Text>
      )}
      {data.datasets.length > 0 && (
        <Text size="xs">
          {t('datasets')}:{' '}
          {data.datasets.map((d, i) => (
            <span key={d.id}>
              {i > 0 ? ', ' : ''}
              <Anchor size="xs" href={`/data/datasets/${d.id}`}>
                {d.code}
              </Anchor>
            </span>
          ))}
        </Text>
      )}
    </Stack>
  );
}
