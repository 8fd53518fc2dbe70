import { TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';

const toDmy = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');

/** Parse dd/mm/yyyy (or d/m/yyyy) into an ISO date; null when empty; undefined when not a real date. */
export function parseDmy(s: string): string | null | undefined {
  const v = s.trim();
  if (!v) return null;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

/** A date typed the Vietnamese way (dd/mm/yyyy), reported as ISO `YYYY-MM-DD`. */
export function DateField(props: {
  label: string;
  value: string | null;
  onChange: (iso: string | null) => void;
  disabled?: boolean;
  error?: string | null;
  badDateText: string;
  testId?: string;
  id?: string;
  w?: number;
}) {
  const [text, setText] = useState(toDmy(props.value));
  const [bad, setBad] = useState(false);
  useEffect(() => {
    setText(toDmy(props.value));
  }, [props.value]);
  return (
    <TextInput
      id={props.id}
      label={props.label}
      placeholder="dd/mm/yyyy"
      value={text}
      w={props.w ?? 160}
      disabled={props.disabled}
      data-testid={props.testId}
      error={bad ? props.badDateText : props.error}
      onChange={(e) => {
        setText(e.currentTarget.value);
        const iso = parseDmy(e.currentTarget.value);
        setBad(iso === undefined);
        if (iso !== undefined) props.onChange(iso);
      }}
    />
  );
}
