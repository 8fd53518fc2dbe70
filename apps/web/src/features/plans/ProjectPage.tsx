import { Alert, Anchor, Badge, Card, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { VINTAGE_63 } from '@regionlink/shared';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useDict, useI18n } from '../../app/i18n';
import { ApiError } from '../../lib/api';
import { useProject } from './api';
import { DemoBadge, StatusBadge } from './components/Badges';
import { ProjectMap } from './components/ProjectMap';
import { FactsCard, FundingCard, MilestonesCard, ProgressCard, ProvincesCard } from './components/ProjectSections';
import { DICT } from './i18n';

/** One project: its facts and provinces beside its map, then funding, milestones and progress. */
export function ProjectPage() {
  const { code = '' } = useParams();
  const t = useDict(DICT);
  const { pick, lang } = useI18n();
  const q = useProject(code);
  const [vintage, setVintage] = useState<string>(VINTAGE_63);
  if (q.isLoading) return <Loader />;
  if (q.error || !q.data)
    return <Alert color="red">{q.error instanceof ApiError ? q.error.text(lang) : String(q.error)}</Alert>;
  const p = q.data;
  const canEdit = p.permissions.canEdit;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/projects" size="sm">
        {t('back')}
      </Anchor>
      <Group gap="sm" align="baseline">
        <Title order={1} size="h2" data-testid="project-name">
          {pick(p.nameVi, p.nameEn)}
        </Title>
        <Badge variant="outline">{p.code}</Badge>
        <StatusBadge status={p.status} />
        {p.interProvincial && (
          <Badge color="teal" variant="light" data-testid="inter-provincial">
            {t('interProvincial')}
          </Badge>
        )}
        {p.hasDemoData && <DemoBadge />}
      </Group>
      {canEdit ? (
        <Alert color="blue" variant="light" p="xs">
          {t('canEditHint')}
        </Alert>
      ) : (
        <Text size="xs" c="dimmed">
          {t('signInHint')}
        </Text>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="md">
            <FactsCard p={p} />
            <ProvincesCard p={p} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card withBorder padding="xs">
            <ProjectMap projects={[p]} vintage={vintage} onVintage={setVintage} height={520} />
          </Card>
        </Grid.Col>
      </Grid>

      <FundingCard p={p} />
      <MilestonesCard p={p} />
      <ProgressCard p={p} />
    </Stack>
  );
}
