-- Sends the paths given after "--" in turn, so one wrk run measures the advisory page and the feed alike.
local paths = {}
local next_path = 0

function init(args)
  for i = 1, #args do
    paths[i] = wrk.format("GET", args[i])
  end
end

function request()
  next_path = next_path % #paths + 1
  return paths[next_path]
end
