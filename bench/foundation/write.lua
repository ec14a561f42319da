-- wrk script: each request creates a new agency (a durable event plus its audit entry).
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
end

function init(args)
  counter = 0
  token = os.getenv("LIMEN_TOKEN")
end

function request()
  counter = counter + 1
  local code = string.format("w%d-%d-%d", thread_id, counter, math.random(1, 1000000000))
  local body = string.format('{"code":"%s","name":"Load agency %s"}', code, code)
  return wrk.format("POST", "/api/v1/agencies",
                    {["Authorization"] = "Bearer " .. token,
                     ["Content-Type"] = "application/json"}, body)
end
