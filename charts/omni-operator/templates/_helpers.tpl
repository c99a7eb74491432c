{{/* The chart name, overridable. */}}
{{- define "omni-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The full name of every object: the release name, with the chart name unless it holds it. */}}
{{- define "omni-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Labels that select the operator's pods. */}}
{{- define "omni-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "omni-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Labels of every object. deploy/ carries the same ones except helm.sh/chart and
app.kubernetes.io/managed-by, which only Helm sets.
*/}}
{{- define "omni-operator.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "omni-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: omni-operator
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The ServiceAccount the operator runs as. */}}
{{- define "omni-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "omni-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret holding the Omni API key, and its key. */}}
{{- define "omni-operator.tokenSecretName" -}}
{{- default (printf "%s-token" (include "omni-operator.fullname" .)) .Values.omni.existingSecret }}
{{- end }}

{{- define "omni-operator.tokenSecretKey" -}}
{{- if .Values.omni.existingSecret }}
{{- .Values.omni.existingSecretKey }}
{{- else }}
{{- "token" }}
{{- end }}
{{- end }}

{{/*
The chart's ClusterOmniInstance values. Each level may be missing: `helm upgrade --reuse-values`
from a chart without them keeps that chart's values, not this one's defaults.
*/}}
{{- define "omni-operator.clusterInstanceTokenSecret" -}}
{{- toYaml ((.Values.clusterInstance | default dict).tokenSecret | default dict) }}
{{- end }}

{{/* The Secret and key of the chart's ClusterOmniInstance: by default the operator's own. */}}
{{- define "omni-operator.clusterInstanceSecretName" -}}
{{- $ts := include "omni-operator.clusterInstanceTokenSecret" . | fromYaml }}
{{- default (include "omni-operator.tokenSecretName" .) $ts.name }}
{{- end }}

{{- define "omni-operator.clusterInstanceSecretNamespace" -}}
{{- $ts := include "omni-operator.clusterInstanceTokenSecret" . | fromYaml }}
{{- default .Release.Namespace $ts.namespace }}
{{- end }}

{{- define "omni-operator.clusterInstanceSecretKey" -}}
{{- $ts := include "omni-operator.clusterInstanceTokenSecret" . | fromYaml }}
{{- default (include "omni-operator.tokenSecretKey" .) $ts.key }}
{{- end }}

{{/* "true" when a Lease elects the leader: asked for, or needed by more than one replica. */}}
{{- define "omni-operator.leaderElection" -}}
{{- if or .Values.leaderElection.enabled (gt (int .Values.replicaCount) 1) }}
{{- "true" }}
{{- else }}
{{- "false" }}
{{- end }}
{{- end }}

{{/*
What the operator may do in each watched namespace (or the whole cluster): its OmniConnections and
OmniInstances, the Secrets they name, Events. Nothing more: no CRD rights (the operator does not
read CRDs), no delete on any object.
*/}}
{{- define "omni-operator.watchRules" -}}
- apiGroups: ["omni.gitops.dev"]
  resources: ["omniconnections", "omniinstances"]
  verbs: ["get", "list", "watch", "update", "patch"]
- apiGroups: ["omni.gitops.dev"]
  resources: ["omniconnections/status", "omniinstances/status"]
  verbs: ["get", "update", "patch"]
- apiGroups: ["omni.gitops.dev"]
  resources: ["omniconnections/finalizers", "omniinstances/finalizers"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "patch"]
{{- end }}

{{/*
What the operator needs cluster-wide whatever it watches: ClusterOmniInstances are cluster-scoped,
and a ClusterOmniInstance's label selector is matched against the connection's namespace (a get).
*/}}
{{- define "omni-operator.clusterRules" -}}
- apiGroups: ["omni.gitops.dev"]
  resources: ["clusteromniinstances"]
  verbs: ["get", "list", "watch", "update", "patch"]
- apiGroups: ["omni.gitops.dev"]
  resources: ["clusteromniinstances/status"]
  verbs: ["get", "update", "patch"]
- apiGroups: ["omni.gitops.dev"]
  resources: ["clusteromniinstances/finalizers"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["namespaces"]
  verbs: ["get"]
{{- end }}
