-- P1 for wrk: POST /api/v1/ai/sentiment, rotating over the API keys in a file (one a line), each text its own so
-- that the response cache never answers. Run by Wrk.java; by hand:
--   wrk -t1 -c64 -d30s --timeout 30s -s submission-rate.lua http://localhost:8080 -- keys.txt some-run-id
-- With a path after the run id it sends GET requests of that path instead, with the same keys: P1's baselines.
-- "accepted" counts the 2xx answers: 202 for a submission, 200 for a read.
-- Prints one line, read by Wrk.java:
--   wrk-result requests=N duration_us=N accepted=N others=STATUS:N,... errors=N slow=N
--     p50_ms=X p95_ms=X p99_ms=X max_ms=X      (on one line)
-- wrk runs setup() and done() in its main Lua state and request()/response() in one Lua state per thread, so each
-- thread counts its own statuses and done() adds them up through the threads kept here in setup().

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

-- Thread state from here to done(); "id" was set by setup() before init() runs.
local keys = {}
local run
local readPath
local counter = 0
statuses = {}

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then
      table.insert(keys, line)
    end
  end
  run = args[2]
  readPath = args[3]
end

local headers = { ["Content-Type"] = "application/json" }

function request()
  counter = counter + 1
  headers["Authorization"] = "Bearer " .. keys[(counter + id) % #keys + 1]
  if readPath then
    return wrk.format("GET", readPath, headers)
  end
  local body = string.format(
    '{"text":"I love the new release, great job! #%s-%d-%d","context":"comment"}', run, id, counter)
  return wrk.format("POST", "/api/v1/ai/sentiment", headers, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local accepted = 0
  local others = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      if status >= 200 and status < 300 then
        accepted = accepted + count
      else
        others[status] = (others[status] or 0) + count
      end
    end
  end
  local listed = {}
  for status, count in pairs(others) do
    table.insert(listed, string.format("%d:%d", status, count))
  end
  table.sort(listed)
  local errors = summary.errors
  -- latency is in microseconds and covers every answer, whatever its status, that came within --timeout;
  -- "slow" counts the answers that came later (wrk calls them timeouts), "errors" the requests never answered.
  io.write(string.format(
    "wrk-result requests=%d duration_us=%d accepted=%d others=%s errors=%d slow=%d"
      .. " p50_ms=%.3f p95_ms=%.3f p99_ms=%.3f max_ms=%.3f\n",
    summary.requests, summary.duration, accepted, table.concat(listed, ","),
    errors.connect + errors.read + errors.write, errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
