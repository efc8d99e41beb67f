import { describe, expect, it } from 'vitest';
import { parseDocument } from './dashboardFile';

describe('an imported dashboard file', () => {
  it('is the document it holds', () => {
    const doc = { uid: 'shop', title: 'Shop', panels: [], extra: 1 };
    // Fields the contract does not know pass through: the server refuses them, naming them.
    expect(parseDocument(JSON.stringify(doc))).toEqual(doc);
  });
  it('says why it is not a dashboard', () => {
    expect(() => parseDocument('{nope')).toThrow(/not JSON/);
    expect(() => parseDocument('[1, 2]')).toThrow(/a JSON object/);
    expect(() => parseDocument('{"title": "x"}')).toThrow(/"title" and "panels"/);
  });
});
