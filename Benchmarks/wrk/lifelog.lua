-- POST /api/v1/lifelog by many supervisees: each request is the next supervisee in turn, with
-- that supervisee's own token and case reference (file lines "TOKEN CASE_REF"), so concurrent
-- requests come from different people: wrk -s lifelog.lua URL -- FILE.
local people = {}
local next_index = 0
local counter = 0

local thread_number = 0
function setup(thread)
  thread:set("offset", thread_number)
  thread_number = thread_number + 1
end

function init(args)
  for line in io.lines(args[1]) do
    local token, ref = line:match("^(%S+)%s+(%S+)$")
    if token then people[#people + 1] = { token = token, ref = ref } end
  end
  -- The two threads start half the list apart.
  next_index = (offset or 0) * math.floor(#people / 2)
end

function request()
  next_index = next_index % #people + 1
  counter = counter + 1
  local person = people[next_index]
  local body = '{"caseRef":"' .. person.ref .. '","residence":"Same address","employment":"Working",'
    .. '"activities":"Load test entry ' .. counter .. '","wellbeing":3}'
  return wrk.format("POST", "/api/v1/lifelog", {
    ["Authorization"] = "Bearer " .. person.token,
    ["Content-Type"] = "application/json",
  }, body)
end
