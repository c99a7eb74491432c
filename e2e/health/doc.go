// Package health checks the two readers of an OmniConnection's status that GitOps tools use:
// Argo CD's Lua health check (deploy/argocd/health.lua, run under gopher-lua, the interpreter
// Argo CD embeds, the way Argo CD runs it) and kstatus (sigs.k8s.io/cli-utils, what Flux's
// health checks compute), against the same inputs, and checks that the README states the
// mapping between the two that the tests hold them to. Everything is in health_test.go; see
// README.md beside this file.
package health
