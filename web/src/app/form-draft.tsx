/**
 * Never lose typed work: a form that takes typing saves what was typed to this browser (per user
 * and per form, debounced), offers it back when the form opens again (「已恢复未保存的草稿」 with
 * 「丢弃草稿」), forgets it once saved, and asks 「放弃未保存的修改？」 before Esc, ×, 取消, browser
 * Back or a reload would throw it away.
 */
import { Alert, App, Button, Form, type FormInstance } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useBlocker } from 'react-router';
import { useCurrentUser } from './current-user.js';

const PREFIX = 'fuban.form-draft';
const SAVE_DELAY_MS = 400;
/** A draft older than this is stale (the case moved on, the clerk forgot it): dropped on the next read. */
const KEEP_MS = 14 * 24 * 3600 * 1000;

type Stored = { savedAt: number; values: unknown };

/** Dates (dayjs) survive JSON as {$date}; everything else a form holds is plain data. */
const encode = (value: unknown): unknown => {
  if (dayjs.isDayjs(value)) return { $date: value.toISOString() };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, encode(item)]));
  return value;
};

const decode = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') {
    const date = (value as { $date?: unknown }).$date;
    if (typeof date === 'string' && Object.keys(value).length === 1) return dayjs(date);
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, decode(item)]));
  }
  return value;
};

const storageKey = (userId: string, formKey: string) => `${PREFIX}:${userId}:${formKey}`;

const readDraft = (key: string, now: number): unknown => {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return undefined;
    const stored = JSON.parse(raw) as Stored;
    if (now - stored.savedAt > KEEP_MS) {
      localStorage.removeItem(key);
      return undefined;
    }
    return decode(stored.values);
  } catch {
    return undefined; // a broken entry is no draft
  }
};

const writeDraft = (key: string, values: unknown) => {
  try {
    localStorage.setItem(key, JSON.stringify({ savedAt: Date.now(), values: encode(values) } satisfies Stored));
  } catch {
    // Storage full or disabled: the confirm-before-discard still guards the typing.
  }
};

const dropDraft = (key: string) => {
  try {
    localStorage.removeItem(key);
  } catch {
    // nothing to drop
  }
};

/**
 * Asks before throwing typed work away: `guard(close)` wraps a close (Esc, ×, 取消); browser Back and
 * in-app links are held by the router's blocker, a reload or closed tab by `beforeunload`.
 */
export const useConfirmDiscard = ({ isDirty, onDiscard }: { isDirty: () => boolean; onDiscard?: () => void }) => {
  const { modal } = App.useApp();
  const blocker = useBlocker(({ currentLocation, nextLocation }) =>
    isDirty() && (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );

  const confirm = useCallback(
    (onOk: () => void, onCancel?: () => void) =>
      modal.confirm({
        title: '放弃未保存的修改？',
        content: '已填写的内容尚未提交，放弃后不再保留。',
        okText: '放弃修改',
        okButtonProps: { danger: true },
        cancelText: '继续填写',
        onOk: () => {
          onDiscard?.();
          onOk();
        },
        onCancel,
      }),
    [modal, onDiscard],
  );

  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    confirm(
      () => blocker.proceed(),
      () => blocker.reset(),
    );
  }, [blocker, confirm]);

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!isDirty()) return;
      event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [isDirty]);

  return {
    /** `close` at once when nothing was typed; otherwise after the user agrees to discard. */
    guard: (close: () => void) => () => {
      if (!isDirty()) {
        close();
        return;
      }
      confirm(close);
    },
  };
};

export type FormDraft = {
  /** The form's initial values with the saved draft laid over them (pass as the Form's initialValues). */
  initialValues: <T extends object>(base: T) => T;
  /** 「已恢复未保存的草稿 · 丢弃草稿」 while a restored draft is on the form; null otherwise. */
  notice: ReactNode;
  /** Wraps a close (Esc, ×, 取消): asks first when something was typed. */
  guard: (close: () => void) => () => void;
  /** The form was saved: forget the draft, close and navigate freely. */
  clear: () => void;
};

/**
 * Autosaves an antd form per user and `formKey` (e.g. `incoming:create`, `action:<case>:<action>`),
 * restores it when the form opens, and guards closing it. `formKey` should change when the record
 * under the form does (its version), so an old draft never lands on a newer record.
 */
export const useFormDraft = ({ formKey, form }: { formKey: string; form: FormInstance }): FormDraft => {
  const user = useCurrentUser();
  const key = storageKey(user.id, formKey);
  const [restored] = useState(() => readDraft(key, Date.now()));
  const [isNoticeShown, setIsNoticeShown] = useState(restored !== undefined);
  // Refs, not state: the router's blocker and beforeunload read them at the moment of leaving.
  const hasDraft = useRef(restored !== undefined);
  const isDone = useRef(false);
  const latest = useRef<unknown>(undefined);
  const values: unknown = Form.useWatch((all: unknown) => all, { form, preserve: true });
  // The draft seeds the form until its store holds it (a modal's form mounts a commit later than the hook);
  // later renders (and resetFields) see the form's own values.
  const isMounted = useRef(false);
  useEffect(() => {
    // Before the Form mounts, the watch sees an empty store.
    if (values && typeof values === 'object' && Object.keys(values).length > 0) isMounted.current = true;
  }, [values]);

  const isDirty = useCallback(() => !isDone.current && (hasDraft.current || form.isFieldsTouched()), [form]);

  const flush = useCallback(() => {
    if (latest.current !== undefined && isDirty()) writeDraft(key, latest.current);
  }, [isDirty, key]);

  // After a save the form is reset for the next document (保存并继续登记): what it then holds is the new
  // clean state. Some fields (uploads) report a change while being reset, so "touched" alone would call
  // the empty form dirty and ask before closing it.
  const isBaselinePending = useRef(false);
  const baseline = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (values === undefined) return;
    if (isBaselinePending.current) {
      isBaselinePending.current = false;
      baseline.current = JSON.stringify(values);
      return;
    }
    if (!form.isFieldsTouched() || (baseline.current !== undefined && JSON.stringify(values) === baseline.current)) return;
    isDone.current = false;
    hasDraft.current = true;
    latest.current = values;
    const timer = setTimeout(flush, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [values, form, flush]);

  // A reload or a closed tab inside the debounce still keeps the last keystrokes.
  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
    };
  }, [flush]);

  const forget = useCallback(() => {
    dropDraft(key);
    hasDraft.current = false;
    latest.current = undefined;
    setIsNoticeShown(false);
  }, [key]);

  const { guard } = useConfirmDiscard({ isDirty, onDiscard: forget });

  const discardDraft = () => {
    forget();
    form.resetFields();
  };

  return {
    initialValues: <T extends object>(own: T): T =>
      !isMounted.current && restored && typeof restored === 'object' ? { ...own, ...(restored as Partial<T>) } : own,
    notice: isNoticeShown ? (
      <Alert
        type="info"
        showIcon
        style={{ marginTop: 8 }}
        title="已恢复未保存的草稿"
        data-testid="draft-restored"
        action={
          <Button type="link" size="small" onClick={discardDraft}>
            丢弃草稿
          </Button>
        }
      />
    ) : null,
    guard,
    clear: () => {
      forget();
      isDone.current = true;
      isBaselinePending.current = true;
    },
  };
};
