// Validates CSAF 2.0 documents with the official validator library: the strict schema test, every mandatory test, and
// the optional tests 6.2.11 (canonical URL), 6.2.13 (sorted keys) and 6.2.16 (product identification helper), which
// answer with warnings rather than errors.
//   node validate.js document.json   validates one file
//   node validate.js                 reads one document per line on standard input, answers one line per document
// Each answer is {"isValid": bool, "tests": [{"name", "isValid", "errors", "warnings"}]}. Loading the library takes seconds, so
// the test suite keeps one process and sends it every document.
import { readFile } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import validateStrict from '@secvisogram/csaf-validator-lib/validateStrict.js'
import * as mandatory from '@secvisogram/csaf-validator-lib/mandatoryTests.js'
import { optionalTest_6_2_11, optionalTest_6_2_13, optionalTest_6_2_16 } from '@secvisogram/csaf-validator-lib/optionalTests.js'
import { csaf_2_0_strict } from '@secvisogram/csaf-validator-lib/schemaTests.js'

const tests = [csaf_2_0_strict, ...Object.values(mandatory), optionalTest_6_2_11, optionalTest_6_2_13, optionalTest_6_2_16]

async function validate(document) {
  const result = await validateStrict(tests, document)
  return JSON.stringify({
    isValid: result.isValid,
    tests: result.tests.map(({ name, isValid, errors, warnings }) => ({ name, isValid, errors, warnings })),
  })
}

const path = process.argv[2]
if (path) {
  process.stdout.write((await validate(JSON.parse(await readFile(path, 'utf8')))) + '\n')
} else {
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() !== '') {
      process.stdout.write((await validate(JSON.parse(line))) + '\n')
    }
  }
}
