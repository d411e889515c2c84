// The health record API's types, named for the app, from the generated schema.
import type { components } from '../api/schema';

type Schemas = components['schemas'];

export type TimelineItem = Schemas['Item'];
export type TimelinePage = Schemas['Timeline'];
export type Metric = Schemas['Metric'];
export type Trend = Schemas['Trend'];
export type Uploaded = Schemas['Uploaded'];

export const METRICS = ['blood_pressure', 'blood_glucose', 'weight', 'bmi', 'haemoglobin', 'spo2'] as const satisfies readonly Metric[];

/** What the server takes as a document (its first bytes must match), and how large. */
export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
