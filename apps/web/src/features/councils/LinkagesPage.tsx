import { Group, Select, Stack, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { useRegions, useUnits } from '../geo/api';
import { AgreementsPanel } from './AgreementsPanel';
import { LinkagePanel } from './LinkagePanel';

/** Linkage between localities, per region or per province: the network on the map, its table, the agreements. */
export function LinkagesPage() {
  const { pick } = useI18n();
  const [params, setParams] = useSearchParams();
  const regions = useRegions('2025-07-01');
  const units = useUnits('2025-07-01');
  const province = params.get('province') ?? undefined;
  const region = province ? undefined : (params.get('region') ?? 'NMM');
  const scope = province ? { province } : { region };
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {pick('Liên kết giữa các địa phương', 'Linkage between localities')}
        </Title>
        <Text c="dimmed" size="sm" maw={900}>
          {pick(
            'Các mối liên kết chủ yếu của mỗi vùng và mỗi tỉnh: thỏa thuận hợp tác còn hiệu lực, dự án và hành lang đi qua nhiều tỉnh, nhiệm vụ theo kết luận của Hội đồng điều phối vùng giao các tỉnh cùng thực hiện (kiến nghị 3.2.e của Báo cáo năm 2025).',
            'The key linkages of each region and province: agreements in force, projects and corridors across provinces, council follow-ups that provinces carry out together (recommendation 3.2.e of the 2025 report).',
          )}
        </Text>
      </div>
      <Group gap="sm" wrap="wrap">
        <Select
          label={pick('Vùng', 'Region')}
          value={region ?? null}
          onChange={(v) => v && setParams({ region: v })}
          data={(regions.data?.items ?? []).map((r) => ({ value: r.code, label: pick(r.nameVi, r.nameEn) }))}
          w={320}
          data-testid="linkage-region"
        />
        <Select
          label={pick('Hoặc một tỉnh, thành phố', 'Or one province')}
          value={province ?? null}
          onChange={(v) => setParams(v ? { province: v } : { region: 'NMM' })}
          data={(units.data?.items ?? []).map((u) => ({ value: u.code, label: u.nameVi }))}
          searchable
          clearable
          w={260}
          data-testid="linkage-province"
        />
      </Group>
      <LinkagePanel scope={scope} />
      <AgreementsPanel scope={scope} />
    </Stack>
  );
}
