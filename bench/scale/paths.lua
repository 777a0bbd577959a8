-- Sends GET requests to the paths listed in the file named by the first argument, in turn; the second argument, if
-- any, is a header line ("Authorization: Bearer ..." or "Cookie: ...") sent with each. Prints the p95 latency in ms and
-- the number of answers that were not 2xx, for bench/scale/run to read.
local paths = {}
local index = 0
local failures = 0

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  if args[2] then
    local name, value = args[2]:match("^([^:]+):%s*(.*)$")
    wrk.headers[name] = value
  end
  index = math.random(#paths) - 1
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end

function response(status)
  if status < 200 or status > 299 then failures = failures + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("p95 %.2f requests %d non2xx %d errors %d\n", latency:percentile(95) / 1000, summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
