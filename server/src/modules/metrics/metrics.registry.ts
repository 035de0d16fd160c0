/** The metrics registry: every declared metric by id. Adding a metric = adding it to its domain's file and that file here. */
import { notFound } from '../../platform/errors.js';
import { disclosureMetrics } from './disclosure.metrics.js';
import { enteredMetrics } from './entered.metrics.js';
import { docsMetrics } from './docs.metrics.js';
import { draftMetrics } from './drafts.metrics.js';
import { incomingMetrics } from './incoming.metrics.js';
import { instructionMetrics } from './instructions.metrics.js';
import { meetingMetrics } from './meetings.metrics.js';
import type { MetricDefinition } from './metric.types.js';
import { outgoingMetrics } from './outgoing.metrics.js';
import { petitionMetrics } from './petitions.metrics.js';
import { supervisionMetrics } from './supervision.metrics.js';
import { keyTaskMetrics } from './key-tasks.metrics.js';
import { minutesMetrics } from './minutes.metrics.js';
import { supervisionOfficeMetrics } from './supervision-office.metrics.js';
import { proposalMetrics } from './proposals.metrics.js';
import { hotlineMetrics } from './hotline.metrics.js';
import { hotlineRateMetrics } from './hotline-rates.metrics.js';

const declared: readonly MetricDefinition[] = [...incomingMetrics, ...outgoingMetrics, ...draftMetrics, ...docsMetrics, ...meetingMetrics, ...minutesMetrics, ...instructionMetrics, ...disclosureMetrics, ...petitionMetrics, ...supervisionMetrics, ...supervisionOfficeMetrics, ...keyTaskMetrics, ...proposalMetrics, ...hotlineMetrics, ...hotlineRateMetrics, ...enteredMetrics];

const metrics = new Map<string, MetricDefinition>();
for (const metric of declared) {
  if (metrics.has(metric.id)) throw new Error(`metric ${metric.id} declared twice`);
  metrics.set(metric.id, metric);
}

/** The metric with this id; an unknown id is a 404. */
export const getMetric = (id: string): MetricDefinition => {
  const metric = metrics.get(id);
  if (!metric) throw notFound(`指标 ${id} `);
  return metric;
};

/** Every metric, in catalogue order (METRICS.md). */
export const listMetrics = (): MetricDefinition[] => [...metrics.values()];

export const hasMetric = (id: string): boolean => metrics.has(id);
