-- GET with one API token (wrk -s bearer.lua URL -- TOKEN): the officer's overdue list.
function init(args)
  wrk.headers["Authorization"] = "Bearer " .. args[1]
end
