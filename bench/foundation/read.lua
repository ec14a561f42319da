-- wrk script: an authenticated read (session lookup on every request).
function init(args)
  token = os.getenv("LIMEN_TOKEN")
end

function request()
  return wrk.format("GET", "/api/v1/states", {["Authorization"] = "Bearer " .. token})
end
