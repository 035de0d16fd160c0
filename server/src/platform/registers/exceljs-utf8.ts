/**
 * ExcelJS 4.4's streaming reader decodes each zip chunk to text on its own (utils/parse-sax.js), so a
 * Chinese character whose three bytes straddle two chunks comes out as «��» — 批复 read as ��复, one
 * title in a few hundred. Before ExcelJS is first loaded in a thread, its parse-sax module is replaced
 * by the same parser fed through a StringDecoder, which carries a split character over to the next chunk.
 * Import this module before 'exceljs' wherever the streaming reader runs (the register worker).
 */
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

const require = createRequire(import.meta.url);
const parseSaxPath = require.resolve('exceljs/lib/utils/parse-sax.js');

type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };
type SaxesParser = { on: (event: string, listener: (value: unknown) => void) => void; write: (text: string) => void };
const { SaxesParser } = require(require.resolve('saxes', { paths: [dirname(parseSaxPath)] })) as { SaxesParser: new () => SaxesParser };

async function* parseSax(iterable: AsyncIterable<Buffer | string>): AsyncGenerator<SaxEvent[]> {
  const parser = new SaxesParser();
  const decoder = new StringDecoder('utf8');
  let error: unknown;
  let events: SaxEvent[] = [];
  parser.on('error', (failure) => {
    error = failure;
  });
  for (const eventType of ['opentag', 'text', 'closetag'] as const) parser.on(eventType, (value) => events.push({ eventType, value }));
  for await (const chunk of iterable) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.end();
  if (rest) parser.write(rest);
  if (error) throw error;
  if (events.length > 0) yield events;
}

const isLoaded = Boolean(require.cache[parseSaxPath]);
if (!isLoaded) {
  const fixed = new Module(parseSaxPath);
  fixed.filename = parseSaxPath;
  fixed.loaded = true;
  fixed.exports = parseSax;
  require.cache[parseSaxPath] = fixed;
}

/** False when ExcelJS was loaded in this thread before the fix could be put in place (then streaming reads may garble). */
export const isExcelUtf8Fixed = !isLoaded || require.cache[parseSaxPath]?.exports === parseSax;
