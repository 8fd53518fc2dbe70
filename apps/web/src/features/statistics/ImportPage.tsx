import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import type { Me } from '@regionlink/shared';
import { Link, useSearchParams } from 'react-router';
import { useDict } from '../../app/i18n';
import { PageMessage } from '../../components/PageMessage';
import { useMe } from '../access/api';
import { STATS } from './i18n';
import { ImportForm } from './import/ImportForm';
import { ImportJobPanel } from './import/ImportJobPanel';
import { ImportLogCard } from './import/ImportLogCard';
import { MyImportJobs } from './import/MyImportJobs';

/**
 * Uploading statistics: choose a file, check it (dry run: every problem by row and column, nothing saved), then import
 * it as a new release through the job queue. The import runs on the server whether or not the page stays open; its
 * progress and result are at `?job=<id>`, and the person's recent imports are listed to come back to.
 */
export function ImportPage() {
  const t = useDict(STATS);
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');

  if (me.isLoading) return null;
  if (!me.data)
    return (
      <PageMessage title={t('importTitle')}>
        <Anchor component={Link} to="/login?next=/data/import">
          {t('signInToImport')}
        </Anchor>
      </PageMessage>
    );
  const allowed = me.data.role === 'admin' || (me.data.role === 'reporter' && me.data.organisation.kind === 'province');
  if (!allowed)
    return (
      <PageMessage title={t('importTitle')} color="orange">
        {t('notAllowed')}
      </PageMessage>
    );

  return (
    <Stack gap="md" maw={1100}>
      <Anchor component={Link} to="/data" size="sm">
        {t('back')}
      </Anchor>
      <ImportHeader me={me.data} />
      <ImportForm me={me.data} onQueued={(id) => setParams({ job: id })} />
      {jobId && <ImportJobPanel key={jobId} jobId={jobId} />}
      <MyImportJobs />
      <ImportLogCard />
    </Stack>
  );
}

/** The title, what the page does, the reporter's scope and the templates. */
function ImportHeader({ me }: { me: Me }) {
  const t = useDict(STATS);
  return (
    <Group justify="space-between" align="flex-end">
      <div>
        <Title order={1} size="h2">
          {t('importTitle')}
        </Title>
        <Text size="sm" c="dimmed" maw={760}>
          {t('importHint')}
        </Text>
        {me.role !== 'admin' && (
          <Text size="sm" c="orange.8" mt={4}>
            {t('reporterScope')}
          </Text>
        )}
      </div>
      <Group gap="xs">
        <Button component="a" href="/api/v1/imports/template?format=csv" variant="default" size="xs">
          {t('template')} (CSV)
        </Button>
        <Button component="a" href="/api/v1/imports/template?format=xlsx" variant="default" size="xs">
          {t('template')} (XLSX)
        </Button>
      </Group>
    </Group>
  );
}
