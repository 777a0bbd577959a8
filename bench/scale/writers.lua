-- Each connection creates a communication through the API, then edits its text, then creates the next: the writers of
-- bench/scale/run. The first argument is the "Authorization: Bearer ..." header line. Prints the p95 latency in ms.
local created = nil
local count = 0
local edit_headers = { ["If-Match"] = '"rev-1"' }

function init(args)
  local name, value = args[1]:match("^([^:]+):%s*(.*)$")
  wrk.headers[name] = value
  wrk.headers["Content-Type"] = "application/json"
  -- wrk.format sends only the headers it is given, so an edit carries these as well as its If-Match.
  edit_headers[name] = value
  edit_headers["Content-Type"] = "application/json"
end

function request()
  count = count + 1
  if created then
    local id = created
    created = nil
    return wrk.format("POST", "/api/v1/communications/" .. id .. "/content",
      edit_headers,
      '{"body":"# Phishing wave\\n\\nWe never ask for your password. Edited ' .. count .. '.","note":"Clearer advice"}')
  end
  return wrk.format("POST", "/api/v1/communications",
    nil, '{"category":"customer-security-notice","title":"Phishing emails impersonating support ' .. count .. '"}')
end

function response(status, headers, body)
  if status == 201 then
    created = body:match('"id":"([0-9a-f-]+)"')
  end
end

function done(summary, latency, requests)
  io.write(string.format("p95 %.2f requests %d non2xx %d errors %d\n", latency:percentile(95) / 1000, summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
