// Dashboards as files: the document export gives, saved by the browser; a chosen file read back for import.
import type { DashboardDocument } from '../api/types';

/** Offers `document` as `<uid>.json` for download. */
export function downloadDocument(document: DashboardDocument, uid: string): void {
  const blob = new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = window.document.createElement('a');
  a.href = url;
  a.download = `${uid}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The document a file holds; an error saying why when it is not a JSON object with a title and panels. */
export function parseDocument(text: string): DashboardDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`The file is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('The file does not hold a dashboard (a JSON object).');
  const doc = value as Partial<DashboardDocument>;
  if (typeof doc.title !== 'string' || !Array.isArray(doc.panels)) throw new Error('The file does not hold a dashboard: it needs a "title" and "panels".');
  return doc as DashboardDocument;
}
