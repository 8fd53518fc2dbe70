import { Anchor, Badge, Group, Text } from '@mantine/core';
import type { TimelineResponse } from '@regionlink/shared';
import { Link } from 'react-router';
import { useDict, useI18n } from '../../../app/i18n';
import { formatDate } from '../../../lib/format';
import { DICT } from '../i18n';

const COLOUR = { done: '#2f9e44', done_late: '#f08c00', late: '#e03131', upcoming: '#868e96' } as const;

/** Milestones of each project on a year axis, late ones in red, with a line for today. */
export function Timeline({ data }: { data: TimelineResponse }) {
  const t = useDict(DICT);
  const { pick } = useI18n();
  if (data.items.length === 0) return <Text c="dimmed">{t('noTimeline')}</Text>;
  const dates = data.items.flatMap((i) => i.milestones.flatMap((m) => [m.plannedDate, m.actualDate ?? m.plannedDate]));
  const y0 = Math.min(2021, ...dates.map((d) => Number(d.slice(0, 4))));
  const y1 = Math.max(2031, ...dates.map((d) => Number(d.slice(0, 4)) + 1));
  const W = 620;
  const x = (iso: string) => {
    const d = new Date(`${iso}T00:00:00Z`);
    const frac = (d.getUTCFullYear() - y0 + d.getUTCMonth() / 12 + (d.getUTCDate() - 1) / 365) / (y1 - y0);
    return 8 + frac * (W - 16);
  };
  const years = Array.from({ length: y1 - y0 + 1 }, (_, i) => y0 + i);
  return (
    <div data-testid="timeline">
      <Group gap="md" mb={6}>
        {(['done', 'done_late', 'late', 'upcoming'] as const).map((s) => (
          <Group gap={4} key={s}>
            <svg width="10" height="10" aria-hidden="true">
              <rect x="1" y="1" width="8" height="8" transform="rotate(45 5 5)" fill={COLOUR[s]} />
            </svg>
            <Text size="xs">{t(`state_${s}`)}</Text>
          </Group>
        ))}
        <Text size="xs" c="dimmed">
          | {t('today')}: {formatDate(data.today)}
        </Text>
      </Group>
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(260px, 36%) 1fr', rowGap: 2, alignItems: 'center' }}>
        <div />
        <svg viewBox={`0 0 ${W} 18`} style={{ width: '100%', height: 18 }} aria-hidden="true">
          {years.map((y) => (
            <text key={y} x={x(`${y}-01-01`)} y={12} fontSize={10} fill="#555">
              {y}
            </text>
          ))}
        </svg>
        {data.items.map((item) => (
          <div key={item.projectCode} style={{ display: 'contents' }} data-testid="timeline-row" data-late={item.late}>
            <Group gap={6} wrap="nowrap" style={{ overflow: 'hidden' }}>
              {item.late && (
                <Badge size="xs" color="red">
                  {t('late')}
                </Badge>
              )}
              <Anchor
                component={Link}
                to={`/projects/${item.projectCode}`}
                size="sm"
                lineClamp={1}
                c={item.late ? 'red.8' : undefined}
              >
                {item.projectCode} · {pick(item.nameVi, item.nameEn)}
              </Anchor>
            </Group>
            <svg
              viewBox={`0 0 ${W} 22`}
              style={{ width: '100%', height: 22, background: item.late ? '#fff5f5' : undefined }}
            >
              {years.map((y) => (
                <line key={y} x1={x(`${y}-01-01`)} x2={x(`${y}-01-01`)} y1={0} y2={22} stroke="#e9ecef" />
              ))}
              <line x1={x(data.today)} x2={x(data.today)} y1={0} y2={22} stroke="#1f4e79" strokeDasharray="3 2" />
              {item.milestones.map((m) => {
                const cx = x(m.actualDate ?? m.plannedDate);
                return (
                  <g key={m.id} data-state={m.state}>
                    {m.actualDate && m.actualDate !== m.plannedDate && (
                      <line x1={x(m.plannedDate)} x2={cx} y1={11} y2={11} stroke={COLOUR[m.state]} strokeWidth={2} />
                    )}
                    {m.state === 'late' && (
                      <line
                        x1={x(m.plannedDate)}
                        x2={x(data.today)}
                        y1={11}
                        y2={11}
                        stroke={COLOUR.late}
                        strokeWidth={2}
                        strokeDasharray="2 2"
                      />
                    )}
                    <rect
                      x={cx - 5}
                      y={6}
                      width={10}
                      height={10}
                      transform={`rotate(45 ${cx} 11)`}
                      fill={COLOUR[m.state]}
                    >
                      <title>
                        {`${pick(m.nameVi, m.nameEn ?? m.nameVi)} — ${t('plannedDate')} ${formatDate(m.plannedDate)}${m.actualDate ? `, ${t('actualDate')} ${formatDate(m.actualDate)}` : ''}${m.daysLate ? ` (${m.daysLate} ${t('daysLate')})` : ''}`}
                      </title>
                    </rect>
                  </g>
                );
              })}
            </svg>
          </div>
        ))}
      </div>
    </div>
  );
}
