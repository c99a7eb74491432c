-- Argo CD health check for omni.gitops.dev/OmniConnection.
-- Reads the kstatus conditions the operator writes (Ready, Synced, Reconciling, Stalled):
--   no status yet, or status for an older generation  -> Progressing
--   Synced reason Paused (annotation omni.gitops.dev/paused) -> Suspended
--   Stalled=True (needs a human)                      -> Degraded, with its message
--   Reconciling=True (an update under way, a retry)   -> Progressing, with its message
--   Ready=True                                        -> Healthy
--   anything else                                     -> Progressing
-- Plain Lua 5.1, as Argo CD runs it (gopher-lua). Keep argocd-cm.yaml's copy identical.
local hs = {}

local function condition(conditions, kind)
  for _, c in ipairs(conditions) do
    if c.type == kind then
      return c
    end
  end
  return nil
end

local function describe(c, fallback)
  if c ~= nil and c.message ~= nil and c.message ~= "" then
    if c.reason ~= nil and c.reason ~= "" then
      return c.reason .. ": " .. c.message
    end
    return c.message
  end
  if c ~= nil and c.reason ~= nil and c.reason ~= "" then
    return c.reason
  end
  return fallback
end

if obj.status == nil or obj.status.conditions == nil or #obj.status.conditions == 0 then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report status"
  return hs
end

local conditions = obj.status.conditions
local generation = obj.metadata.generation
local observed = obj.status.observedGeneration
local ready = condition(conditions, "Ready")
local synced = condition(conditions, "Synced")
local reconciling = condition(conditions, "Reconciling")
local stalled = condition(conditions, "Stalled")

if generation ~= nil and (observed == nil or observed < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  return hs
end
if ready ~= nil and ready.observedGeneration ~= nil and generation ~= nil
    and ready.observedGeneration < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  return hs
end

if synced ~= nil and synced.reason == "Paused" then
  hs.status = "Suspended"
  hs.message = describe(synced, "Paused by annotation omni.gitops.dev/paused")
  return hs
end

if stalled ~= nil and stalled.status == "True" then
  hs.status = "Degraded"
  hs.message = describe(stalled, "Stalled: needs attention")
  return hs
end

if reconciling ~= nil and reconciling.status == "True" then
  hs.status = "Progressing"
  hs.message = describe(reconciling, "Reconciling")
  return hs
end

if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = describe(ready, "Ready")
  return hs
end

hs.status = "Progressing"
hs.message = describe(ready, "Waiting for the connection to become Ready")
return hs
