-- GET /api/v1/cases/REF with the officer's token, the case references taken in turn from a
-- file (one a line): wrk -s cases.lua URL -- TOKEN REFS_FILE.
local refs = {}
local next_index = 1

function init(args)
  wrk.headers["Authorization"] = "Bearer " .. args[1]
  for line in io.lines(args[2]) do
    if line ~= "" then refs[#refs + 1] = line end
  end
  -- Threads start at different places in the list.
  next_index = (math.random(#refs) - 1)
end

function request()
  next_index = next_index % #refs + 1
  return wrk.format("GET", "/api/v1/cases/" .. refs[next_index])
end
