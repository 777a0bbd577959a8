// Validates CSAF 2.0 documents with the official validator library: the strict schema test and every mandatory test.
//   node validate.js document.json   validates one file
//   node validate.js                 reads one document per line on standard input, answers one line per document
// Each answer is {"isValid": bool, "tests": [{"name", "isValid", "errors"}]}. Loading the library takes seconds, so
// the test suite keeps one process and sends it every document.
import { readFile } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import validateStrict from '@secvisogram/csaf-validator-lib/validateStrict.js'
import * as mandatory from '@secvisogram/csaf-validator-lib/mandatoryTests.js'
import { csaf_2_0_strict } from '@secvisogram/csaf-validator-lib/schemaTests.js'

const tests = [csaf_2_0_strict, ...Object.values(mandatory)]

async function validate(document) {
  const result = await validateStrict(tests, document)
  return JSON.stringify({
    isValid: result.isValid,
    tests: result.tests.map(({ name, isValid, errors }) => ({ name, isValid, errors })),
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
