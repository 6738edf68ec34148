// cigate's shim for promptfoo JavaScript providers, run by a `type: exec`, `mode: once` target.
//
// `cigate import promptfoo` writes it beside the converted config (cigate-shims/) and points the
// target at it:  node promptfoo_provider.mjs FILE [EXPORT] [CONFIG_JSON]
// cigate writes one cigate-exec/1 request object to stdin; the shim loads FILE (ES module or
// CommonJS) and answers as promptfoo would call it: a class is constructed with {id, config} and
// its callApi(prompt, context, options) is called; an object with callApi, or a function
// (prompt, context, options), is called as it is. The result's `output` is the answer, `error`
// fails the case, `tokenUsage` {prompt, completion} is the usage. One reply object is printed.
// See docs/coming-from-promptfoo.md.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

function promptOf(request) {
  if (request.prompt !== null && request.prompt !== undefined) return request.prompt;
  const messages = request.messages || [];
  return messages.length === 1 ? (messages[0].content || '') : JSON.stringify(messages);
}

function print(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

async function main() {
  const [file, exportName, configJson] = process.argv.slice(2);
  const request = JSON.parse(readFileSync(0, 'utf8') || '{}');
  const config = configJson ? JSON.parse(configJson) : {};
  const loaded = await import(pathToFileURL(resolve(file)).href);
  let provider = exportName ? loaded[exportName] ?? loaded.default?.[exportName] : loaded.default ?? loaded;
  const context = { vars: request.vars || {} };
  const options = { config };
  let result;
  if (typeof provider === 'function' && provider.prototype && typeof provider.prototype.callApi === 'function') {
    provider = new provider({ id: file, config });
  }
  if (provider && typeof provider.callApi === 'function') {
    result = await provider.callApi(promptOf(request), context, options);
  } else if (typeof provider === 'function') {
    result = await provider(promptOf(request), context, options);
  } else {
    return print({ type: 'error', message: `${file} exports no provider (a class or object with callApi, or a function)` });
  }
  if (!result || typeof result !== 'object') {
    return print({ type: 'error', message: `the provider returned ${typeof result}, not an object with 'output'` });
  }
  if (result.error) return print({ type: 'error', message: String(result.error) });
  const reply = { type: 'response', output: typeof result.output === 'string' ? result.output : JSON.stringify(result.output ?? '') };
  const usage = result.tokenUsage || {};
  if (Number.isInteger(usage.prompt) && Number.isInteger(usage.completion)) {
    reply.usage = { prompt_tokens: usage.prompt, completion_tokens: usage.completion };
  }
  print(reply);
}

main().catch((e) => print({ type: 'error', message: String(e && e.stack ? e.stack.split('\n')[0] : e) }));
