import { Anchor, Badge, Card, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { formatDate } from '../../lib/format';
import { usePlans } from './api';
import { DICT } from './i18n';

/** The six regional plans 2021–2030 with their implementation plans, region then and regions now. */
export function PlansPage() {
  const t = useDict(DICT);
  const { pick } = useI18n();
  const plans = usePlans();
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('plansTitle')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('plansIntro')}
        </Text>
      </div>
      {!plans.data ? (
        <Loader />
      ) : (
        <Card withBorder padding={0}>
          <Table striped fz="sm" data-testid="plans-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plan')}</Table.Th>
                <Table.Th>{t('decision')}</Table.Th>
                <Table.Th>{t('period')}</Table.Th>
                <Table.Th>{t('regionAtApproval')}</Table.Th>
                <Table.Th>{t('regionsToday')}</Table.Th>
                <Table.Th ta="right">{t('taskGroups')}</Table.Th>
                <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {t('projects')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plans.data.items.map((p) => (
                <Table.Tr key={p.code} data-code={p.code}>
                  <Table.Td pl={p.parentCode ? 32 : undefined}>
                    {p.parentCode && '↳ '}
                    <Anchor component={Link} to={`/plans/${p.code}`} size="sm" fw={p.parentCode ? 400 : 600}>
                      {pick(p.nameVi, p.nameEn)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {p.decisionNo ? `${p.decisionNo}, ${formatDate(p.decisionDate)}` : '—'}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {p.periodStart}–{p.periodEnd}
                    {p.visionYear ? `, ${t('vision').toLowerCase()} ${p.visionYear}` : ''}
                  </Table.Td>
                  <Table.Td>
                    {pick(p.regionAtApproval.nameVi, p.regionAtApproval.nameEn)} ({p.regionAtApproval.memberCount})
                  </Table.Td>
                  <Table.Td>
                    {p.todayRegions.map((r) => (
                      <Badge
                        key={r.code}
                        variant="light"
                        size="sm"
                        mr={4}
                        tt="none"
                        // long region names wrap rather than being cut with an ellipsis
                        styles={{ root: { height: 'auto', maxWidth: '100%' }, label: { whiteSpace: 'normal' } }}
                        title={r.formerProvinces.map((f) => f.nameVi).join(', ')}
                      >
                        {pick(r.nameVi, r.nameEn)} ({r.formerProvinces.length})
                      </Badge>
                    ))}
                  </Table.Td>
                  <Table.Td ta="right">{p.taskGroupCount}</Table.Td>
                  <Table.Td ta="right">
                    {p.projectCount > 0 ? (
                      <Anchor component={Link} to={`/projects?plan=${p.code}`} size="sm">
                        {p.projectCount}
                      </Anchor>
                    ) : (
                      0
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      <Text size="xs" c="dimmed">
        {t('source')}:{' '}
        {pick(
          'Báo cáo số 20208/BTC-VCL ngày 26/12/2025 của Bộ Tài chính (chú thích 18); số trong ngoặc là số tỉnh, thành (địa giới 63 tỉnh) thuộc mỗi vùng.',
          'MoF report 20208/BTC-VCL of 26/12/2025 (footnote 18); the number in brackets counts provinces (63-province geography) in each region.',
        )}
      </Text>
    </Stack>
  );
}
