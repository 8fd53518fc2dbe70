import { Badge, Tooltip } from '@mantine/core';
import type { ProjectStatus, TargetStatusCode } from '@regionlink/shared';
import { PROJECT_STATUSES, TARGET_STATUSES } from '@regionlink/shared';
import { useDict, useI18n } from '../../../app/i18n';
import { DICT } from '../i18n';

const STATUS_COLOUR: Record<ProjectStatus, string> = {
  not_reported: 'gray',
  preparing: 'yellow',
  under_way: 'blue',
  completed: 'green',
  suspended: 'red',
};
const TARGET_COLOUR: Record<TargetStatusCode, string> = {
  on_track: 'green',
  at_risk: 'orange',
  off_track: 'red',
  no_data: 'gray',
  not_assessable: 'gray',
};

export function StatusBadge({ status }: { status: ProjectStatus }) {
  const { pick } = useI18n();
  return (
    <Badge
      size="sm"
      variant="light"
      tt="none"
      color={STATUS_COLOUR[status]}
      data-testid="project-status"
      styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}
    >
      {pick(PROJECT_STATUSES[status].vi, PROJECT_STATUSES[status].en)}
    </Badge>
  );
}

export function TargetBadge({ status, explanation }: { status: TargetStatusCode; explanation: string }) {
  const { pick } = useI18n();
  return (
    <Tooltip label={explanation} multiline w={360} withArrow>
      <Badge size="sm" variant="filled" tt="none" color={TARGET_COLOUR[status]} data-status={status}>
        {pick(TARGET_STATUSES[status].vi, TARGET_STATUSES[status].en)}
      </Badge>
    </Tooltip>
  );
}

/** Marks illustrative (demo) data wherever it is shown, so it is never taken for an official figure. */
export function DemoBadge() {
  const t = useDict(DICT);
  return (
    <Tooltip label={t('demoNote')} multiline w={300} withArrow>
      <Badge size="xs" variant="outline" color="grape" data-testid="demo-badge">
        {t('demo')}
      </Badge>
    </Tooltip>
  );
}
