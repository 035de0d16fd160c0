/** The kinds registry: modules register their declarations here at start; the engine looks them up. */
import { invalidState, notFound } from '../../platform/errors.js';
import { listRowTexts } from '../inputs/fields.js';
import { effectInputs } from '../inputs/standard.js';
import type { KindDefinition } from './kind.types.js';

const kinds = new Map<string, KindDefinition>();

/** Registers a kind, checking its declaration is coherent (every state named, no duplicate action). */
export const registerKind = (kind: KindDefinition): void => {
  if (kinds.has(kind.id) && kinds.get(kind.id) !== kind) throw new Error(`kind ${kind.id} registered twice`);
  const problems: string[] = [];
  if (!(kind.initialState in kind.states)) problems.push(`initial state ${kind.initialState} is not declared`);
  const seen = new Set<string>();
  for (const transition of kind.transitions) {
    for (const state of transition.from) if (!(state in kind.states)) problems.push(`${transition.action}: unknown from-state ${state}`);
    if (typeof transition.to === 'string' && !(transition.to in kind.states)) problems.push(`${transition.action}: unknown to-state ${transition.to}`);
    // An effect reads its inputs by name: they must be declared, with the widget that produces their shape.
    for (const [name, widget] of Object.entries(transition.effect ? (effectInputs[transition.effect] ?? {}) : {})) {
      const declared = transition.input?.[name];
      const actual = declared?.type === 'group' ? 'group' : declared?.view.widget;
      if (actual !== widget) problems.push(`${transition.action}: effect ${transition.effect} needs input ${name} (${widget})`);
    }
    if (transition.confirm?.whenEmpty && !transition.input?.[transition.confirm.whenEmpty]) problems.push(`${transition.action}: confirm names undeclared input ${transition.confirm.whenEmpty}`);
    for (const state of transition.from) {
      const key = `${transition.action}@${state}`;
      if (seen.has(key)) problems.push(`${transition.action} declared twice from ${state}`);
      seen.add(key);
    }
  }
  // A field is either a personal value (masked whole) or a text with numbers in it (masked where they are): not both.
  for (const field of Object.keys(kind.personalText ?? {})) if (kind.personalFields?.[field]) problems.push(`${field} is declared both personalFields and personalText`);
  // A personal input names a text some transition takes ('comment', 'extension.reason' inside a group, or
  // 'units[].instruction' in each row of a list): a name that points at nothing would protect nothing, silently.
  for (const name of kind.personalInputs ?? []) {
    const [path, inner, ...rest] = name.split('.');
    const isList = path!.endsWith('[]');
    const head = isList ? path!.slice(0, -2) : path!;
    const found = kind.transitions.some((transition) => {
      const input = transition.input?.[head];
      if (!input || rest.length > 0) return false;
      if (isList) return input.type === 'field' && inner !== undefined && (listRowTexts[input.view.widget] ?? []).includes(inner);
      const field = inner === undefined ? input : input.type === 'group' ? input.fields[inner] : undefined;
      return field?.type === 'field' && (field.view.widget === 'text' || field.view.widget === 'longText');
    });
    if (!found) problems.push(`personalInputs names ${name}, which is no text input of any transition`);
  }
  if (problems.length > 0) throw new Error(`kind ${kind.id} is not coherent: ${problems.join('; ')}`);
  kinds.set(kind.id, kind);
};

export const getKind = (id: string): KindDefinition => {
  const kind = kinds.get(id);
  if (!kind) throw notFound(`事项类型 ${id} `);
  return kind;
};

export const listKinds = (): KindDefinition[] => [...kinds.values()];

export const stateLabel = (kind: KindDefinition, state: string): string => kind.states[state] ?? state;

/** The transition for an action from the case's current state; refuses with the reason otherwise. */
export const findTransition = (kind: KindDefinition, action: string, state: string) => {
  const candidates = kind.transitions.filter((transition) => transition.action === action);
  if (candidates.length === 0) throw notFound(`操作 ${action} `);
  const transition = candidates.find((candidate) => candidate.from.includes(state));
  if (!transition) {
    throw invalidState(`「${candidates[0]!.label}」不能在「${stateLabel(kind, state)}」状态下进行`);
  }
  return transition;
};
