// Reads simulations, one JSON object a line ({"id": N, "simulation": {...}}),
// runs each through the oracle and writes one line per simulation:
// {"id": N, "result": "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied",
//  "ignored": [...]} or {"id": N, "error": "..."}.
import { createInterface } from 'node:readline'
import { runSimulation } from '@cloud-copilot/iam-simulate'

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
for await (const line of lines) {
  if (line.trim() === '') continue
  const { id, simulation } = JSON.parse(line)
  let out
  try {
    const r = await runSimulation(simulation, {})
    if (r.resultType === 'error') {
      out = { id, error: JSON.stringify(r.errors) }
    } else if (r.resultType === 'single') {
      out = { id, result: r.overallResult, ignored: r.result.ignoredContextKeys ?? [] }
    } else {
      out = { id, error: 'the request was simulated as a wildcard request' }
    }
  } catch (e) {
    out = { id, error: String(e && e.stack ? e.stack : e) }
  }
  process.stdout.write(JSON.stringify(out) + '\n')
}
