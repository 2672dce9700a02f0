/** One case action on its way: busy while sending, the schema's field messages, and the cloud's words on refusal. */
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { ApiError } from '@/services';
import { CaseErrors } from '@/shared/cases/errors';
import { AppError, ErrorCodes } from '@/shared/errors';
import { errorMessage } from '@/lib/errors';

export interface CaseAction {
  busy: boolean;
  error: string;
  fields: Record<string, string>;
  /** Runs `send` once at a time; on success shows `done` and calls onDone (the page reloads the case). */
  run(send: () => Promise<unknown>, done: string): Promise<void>;
  clear(): void;
}

// The case moved on while this person looked at it (another transition won, or its state no longer allows this).
const STALE: readonly string[] = [CaseErrors.INVALID_TRANSITION, CaseErrors.CONFLICT];

/** Per-field messages of a refusal from the cloud or of the contract's schema checked on the spot. */
function fieldsOf(failure: unknown): Record<string, string> {
  if (failure instanceof ApiError) return failure.fields;
  if (failure instanceof AppError && failure.code === ErrorCodes.INPUT_INVALID) {
    return (failure.details as { fields?: Record<string, string> } | undefined)?.fields ?? {};
  }
  return {};
}

/** State for the action forms of the case page: `onDone` after success, `onStale` when the case had moved on. */
export function useCaseAction(onDone: () => void, onStale: () => void): CaseAction {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  // A double tap lands before the re-render that disables the button.
  const sending = useRef(false);

  const run = async (send: () => Promise<unknown>, done: string) => {
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setError('');
    setFields({});
    try {
      await send();
      void Taro.showToast({ title: done, icon: 'success' });
      onDone();
    } catch (failure) {
      const byField = fieldsOf(failure);
      setFields(byField);
      setError(Object.keys(byField).length > 0 ? '' : errorMessage(failure));
      // Someone else moved the case meanwhile: show what it is now.
      if (failure instanceof ApiError && STALE.includes(failure.code)) onStale();
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const clear = () => {
    setError('');
    setFields({});
  };

  return { busy, error, fields, run, clear };
}
