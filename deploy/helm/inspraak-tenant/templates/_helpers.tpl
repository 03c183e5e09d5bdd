{{/*
Helpers of the tenant chart. Every name is prefixed "inspraak-tenant."; resource names
derive from the tenant slug (unique per platform, it is the Keycloak realm) and not from
the release name, so two municipalities never share a resource.
*/}}

{{/* The prefix of every resource name: "tenant-<slug>". A slug can be 63 characters, so a
long one is cut and made unique again with a hash, leaving room for suffixes. */}}
{{- define "inspraak-tenant.fullname" -}}
{{- $base := printf "tenant-%s" .Values.tenant.slug }}
{{- if gt (len $base) 50 }}
{{- printf "%s-%s" ($base | trunc 41 | trimSuffix "-") (sha256sum .Values.tenant.slug | trunc 8) }}
{{- else }}
{{- $base }}
{{- end }}
{{- end }}

{{/* The name of one component's resources; takes (dict "root" $ "component" "apply"). */}}
{{- define "inspraak-tenant.componentName" -}}
{{- printf "%s-%s" (include "inspraak-tenant.fullname" .root) .component }}
{{- end }}

{{/* Chart name and version, for the helm.sh/chart label. */}}
{{- define "inspraak-tenant.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels that select one component's pods; takes (dict "root" $ "component" "apply"). */}}
{{- define "inspraak-tenant.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
inspraak.eu/tenant: {{ .root.Values.tenant.slug }}
{{- with .component }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- end }}

{{/* Labels of every resource; takes (dict "root" $ "component" "apply"). */}}
{{- define "inspraak-tenant.labels" -}}
helm.sh/chart: {{ include "inspraak-tenant.chart" .root }}
{{ include "inspraak-tenant.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: inspraak
{{- end }}

{{/* Rules of the tenant spec that JSON schema cannot express. */}}
{{- define "inspraak-tenant.validate" -}}
{{- $tenant := .Values.tenant }}
{{- if has $tenant.domains.primary $tenant.domains.aliases }}
{{- fail (printf "tenant.domains: %s is the primary domain and cannot also be an alias (no domain may appear twice)" $tenant.domains.primary) }}
{{- end }}
{{- end }}

{{/* Every host name of the tenant: the primary domain first, then the aliases. */}}
{{- define "inspraak-tenant.domains" -}}
{{- toJson (prepend .Values.tenant.domains.aliases .Values.tenant.domains.primary) }}
{{- end }}

{{/* The platform's namespace: platform.namespace, or this release's. */}}
{{- define "inspraak-tenant.platformNamespace" -}}
{{- default .Release.Namespace .Values.platform.namespace }}
{{- end }}

{{/* True (non-empty) when the platform runs in another namespace than this release. */}}
{{- define "inspraak-tenant.crossNamespace" -}}
{{- if ne (include "inspraak-tenant.platformNamespace" .) .Release.Namespace }}true{{ end }}
{{- end }}

{{/* The platform's gateway Service, named as the platform chart names it. */}}
{{- define "inspraak-tenant.platformGatewayService" -}}
{{- if .Values.platform.gatewayServiceName }}
{{- .Values.platform.gatewayServiceName }}
{{- else }}
{{- $release := .Values.platform.releaseName }}
{{- $fullname := ternary $release (printf "%s-inspraak" $release) (contains "inspraak" $release) }}
{{- printf "%s-gateway" ($fullname | trunc 40 | trimSuffix "-") }}
{{- end }}
{{- end }}

{{/* The Service the Ingress sends traffic to: the platform's gateway in the same
namespace, else this release's ExternalName Service pointing at it. */}}
{{- define "inspraak-tenant.backendService" -}}
{{- if include "inspraak-tenant.crossNamespace" . }}
{{- include "inspraak-tenant.componentName" (dict "root" . "component" "gateway") }}
{{- else }}
{{- include "inspraak-tenant.platformGatewayService" . }}
{{- end }}
{{- end }}

{{/* Pod-level security context: the images' non-root user. */}}
{{- define "inspraak-tenant.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Container-level security context: nothing to escalate, nothing to write but /tmp. */}}
{{- define "inspraak-tenant.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* The identity image the apply Job and the test pod run. */}}
{{- define "inspraak-tenant.image" -}}
{{- printf "%s/inspraak-identity:%s" (trimSuffix "/" .Values.identity.image.registry) (default .Chart.AppVersion .Values.identity.image.tag) }}
{{- end }}

{{/* Pod settings shared by the Job and the test pod. */}}
{{- define "inspraak-tenant.podSpecCommon" -}}
automountServiceAccountToken: false
enableServiceLinks: false
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
securityContext:
  {{- include "inspraak-tenant.podSecurityContext" . | nindent 2 }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Egress to the cluster DNS. */}}
{{- define "inspraak-tenant.dnsEgressRule" -}}
- ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
  {{- with .Values.networkPolicy.dnsPeers }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}

{{/* A NetworkPolicy egress rule; takes (dict "ports" (list 5432) "peers" list). No peers
means any destination on those ports. */}}
{{- define "inspraak-tenant.egressRule" -}}
- ports:
    {{- range .ports }}
    - port: {{ . }}
      protocol: TCP
    {{- end }}
  {{- with .peers }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
