/**
 * A transition's declared inputs at work: checking an action's body against them (a 400 naming the
 * field, before anything is written), describing them to the web as widgets, and as JSON Schema.
 */
import { z } from 'zod';
import type { FormFieldView, KindActionView } from '../../../../common/schemas/action-form.js';
import type { KindDefinition } from '../kinds/kind.types.js';
import { validationError } from '../../platform/errors.js';
import { issueSentence } from '../../../../common/field-labels.js';
import type { ActionForm, InputField, InputGroup } from './fields.js';

type Issue = { path: string; label?: string; message: string };

const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const check = (form: ActionForm, body: Record<string, unknown>, prefix: string[], issues: Issue[]): Record<string, unknown> => {
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(body)) {
    // An input the action does not take is refused, not dropped: a client sending it has misread the contract.
    // It has no label to be named by; its key stays in the path only (details), not in the message.
    if (!(key in form)) issues.push({ path: [...prefix, key].join('.'), message: '此操作不接受多余的输入项' });
  }
  for (const [name, declared] of Object.entries(form)) {
    const path = [...prefix, name];
    const value = body[name];
    // Empty means absent: a cleared box or an empty list is the same as not filling it in.
    if (isEmpty(value)) {
      if (declared.requiredMessage) issues.push({ path: path.join('.'), label: declared.label, message: declared.requiredMessage });
      continue;
    }
    if (declared.type === 'group') {
      if (!isPlainObject(value)) {
        issues.push({ path: path.join('.'), label: declared.label, message: '格式不正确' });
        continue;
      }
      values[name] = check(declared.fields, value, path, issues);
      continue;
    }
    const parsed = declared.schema.safeParse(value);
    if (parsed.success) values[name] = parsed.data;
    else for (const issue of parsed.error.issues) issues.push({ path: [...path, ...issue.path.map(String)].join('.'), label: declared.label, message: issue.message });
  }
  return values;
};

/**
 * The body's inputs as the transition declares them, checked; refuses with the first problem named by
 * its field's label (details list them all, by path). The action's envelope (version …) is not here.
 */
export const parseActionInput = (form: ActionForm | undefined, body: Record<string, unknown>): Record<string, unknown> => {
  const issues: Issue[] = [];
  const values = check(form ?? {}, body, [], issues);
  const first = issues[0];
  if (first) throw validationError(issueSentence(first), { fields: issues });
  return values;
};

const describe = (form: ActionForm, prefix: string[]): FormFieldView[] =>
  Object.entries(form).flatMap(([name, declared]: [string, InputField | InputGroup]) => {
    if (declared.type === 'group') return describe(declared.fields, [...prefix, name]);
    return [
      {
        ...declared.view,
        name: [...prefix, name],
        label: declared.label,
        isRequired: declared.requiredMessage !== undefined,
        ...(declared.help ? { help: declared.help } : {}),
      } as FormFieldView,
    ];
  });

/** The widgets the web renders, in declared order; a group's inputs carry its name in their path. */
export const describeForm = (form: ActionForm | undefined): FormFieldView[] => describe(form ?? {}, []);

const zodOf = (form: ActionForm): z.ZodObject =>
  z.object(
    Object.fromEntries(
      Object.entries(form).map(([name, declared]) => {
        const schema = declared.type === 'group' ? zodOf(declared.fields) : declared.schema;
        return [name, declared.requiredMessage ? schema : schema.optional()];
      }),
    ),
  );

/** The inputs as JSON Schema, for systems calling the API (what refine checks add is not expressible there). */
export const formJsonSchema = (form: ActionForm | undefined): Record<string, unknown> =>
  z.toJSONSchema(zodOf(form ?? {}), { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;

/** Every action of a kind with its inputs; an action declared from several states is listed once per declaration. */
export const describeKindActions = (kind: KindDefinition): KindActionView[] =>
  kind.transitions.map((transition) => ({
    action: transition.action,
    label: transition.label,
    from: [...transition.from],
    form: describeForm(transition.input),
    confirm: transition.confirm ?? null,
    schema: formJsonSchema(transition.input),
  }));
