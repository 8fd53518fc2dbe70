import { Button, Menu } from '@mantine/core';
import { useDict } from '../../app/i18n';
import { saveUrl } from './download';
import { GRAPHER } from './i18n';

/** The exchange formats of a query's data. */
export type ExchangeFormat = 'csv-vi' | 'sdmx-csv' | 'sdmx-json';
type Scope = 'period' | 'all';

interface Props {
  /** Pictures exist for the chart and the map, not the table. */
  pictures: boolean;
  /** The chart downloads every year; the map and the table the year shown. */
  scope: Scope;
  period: number | string;
  downloadUrl?: (format: 'csv' | 'xlsx', scope: Scope) => string;
  exchangeUrl?: (format: ExchangeFormat, scope: Scope) => string;
  onPicture: (kind: 'png' | 'svg') => void;
  onJson: () => void;
}

/** The grapher's Download menu: pictures (PNG, SVG) and data (CSV, XLSX, vi-VN CSV, SDMX, JSON). */
export function DownloadMenu({ pictures, scope, period, downloadUrl, exchangeUrl, onPicture, onJson }: Props) {
  const t = useDict(GRAPHER);
  const which = scope === 'all' ? t('allYears') : `${t('yearShown')} ${period}`;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="default" data-testid="grapher-download" style={{ flexShrink: 0 }}>
          {t('download')} ▾
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('picture')}</Menu.Label>
        <Menu.Item disabled={!pictures} onClick={() => onPicture('png')}>
          PNG
        </Menu.Item>
        <Menu.Item disabled={!pictures} onClick={() => onPicture('svg')}>
          SVG
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>{t('data')}</Menu.Label>
        {downloadUrl && (
          <>
            <Menu.Item data-testid="download-csv" onClick={() => saveUrl(downloadUrl('csv', scope))}>
              CSV ({which})
            </Menu.Item>
            <Menu.Item onClick={() => saveUrl(downloadUrl('xlsx', scope))}>XLSX ({which})</Menu.Item>
          </>
        )}
        {exchangeUrl && (
          <>
            <Menu.Item data-testid="download-csv-vi" onClick={() => saveUrl(exchangeUrl('csv-vi', scope))}>
              {t('csvVi')} ({which})
            </Menu.Item>
            <Menu.Divider />
            <Menu.Label>{t('exchange')}</Menu.Label>
            {(['sdmx-csv', 'sdmx-json'] as const).map((f) => (
              <Menu.Item key={f} data-testid={`download-${f}`} onClick={() => saveUrl(exchangeUrl(f, scope))}>
                {f === 'sdmx-csv' ? 'SDMX-CSV 2.0' : 'SDMX-JSON 2.0'} ({which})
              </Menu.Item>
            ))}
          </>
        )}
        <Menu.Item onClick={onJson}>JSON ({t('allYears')})</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
