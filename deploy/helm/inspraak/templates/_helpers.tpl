{{/*
Helpers of the platform chart. Every name is prefixed "inspraak." so a parent chart's
helpers never collide with ours.
*/}}

{{/* The chart name, for the app.kubernetes.io/name label. */}}
{{- define "inspraak.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The prefix of every resource name: the release name, plus the chart name unless it
is already in there. */}}
{{- define "inspraak.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* The name of one component's resources; takes (dict "root" $ "component" "projects"). */}}
{{- define "inspraak.componentName" -}}
{{- printf "%s-%s" (include "inspraak.fullname" .root) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Chart name and version, for the helm.sh/chart label. */}}
{{- define "inspraak.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels that select one component's pods; takes (dict "root" $ "component" "projects"). */}}
{{- define "inspraak.selectorLabels" -}}
app.kubernetes.io/name: {{ include "inspraak.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- with .component }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- end }}

{{/* Labels of every resource; takes (dict "root" $ "component" "projects"), component
may be empty for release-wide resources. */}}
{{- define "inspraak.labels" -}}
helm.sh/chart: {{ include "inspraak.chart" .root }}
{{ include "inspraak.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: inspraak
{{- end }}

{{/* Labels of a pod template: the resource labels plus podLabels. */}}
{{- define "inspraak.podLabels" -}}
{{ include "inspraak.labels" . }}
{{- with .root.Values.podLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* The ServiceAccount the platform pods run as. */}}
{{- define "inspraak.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "inspraak.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* A service's image; takes (dict "root" $ "service" "projects"). */}}
{{- define "inspraak.image" -}}
{{- printf "%s/inspraak-%s:%s" (trimSuffix "/" .root.Values.image.registry) .service (default .root.Chart.AppVersion .root.Values.image.tag) }}
{{- end }}

{{/* The NATS URL the services use: the in-chart cluster when embedded, else nats.url. */}}
{{- define "inspraak.natsUrl" -}}
{{- if .Values.nats.embedded.enabled }}
{{- printf "nats://%s:4222" (include "inspraak.componentName" (dict "root" . "component" "nats")) }}
{{- else }}
{{- .Values.nats.url }}
{{- end }}
{{- end }}

{{/* Pod-level security context: every platform pod runs as the images' non-root user. */}}
{{- define "inspraak.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Container-level security context: nothing to escalate, nothing to write but /tmp. */}}
{{- define "inspraak.containerSecurityContext" -}}
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

{{/* Scheduling settings shared by every platform pod; takes (dict "root" $ "component" "projects"). */}}
{{- define "inspraak.scheduling" -}}
{{- with .root.Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .root.Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .root.Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- if .root.Values.topologySpreadConstraints }}
topologySpreadConstraints:
  {{- range .root.Values.topologySpreadConstraints }}
  - {{ toYaml . | nindent 4 | trim }}
    labelSelector:
      matchLabels:
        {{- include "inspraak.selectorLabels" $ | nindent 8 }}
  {{- end }}
{{- end }}
{{- end }}

{{/*
The environment of one service's processes (API, worker, migrations); takes
(dict "root" $ "service" "projects"). Secrets come only from existing Secrets.
*/}}
{{- define "inspraak.serviceEnv" -}}
{{- $root := .root }}
{{- $name := .service }}
{{- $svc := index $root.Values.services $name }}
{{- $prefix := printf "INSPRAAK_%s_" (upper $name) -}}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: POD_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: OTEL_RESOURCE_ATTRIBUTES
  value: {{ include "inspraak.resourceAttributes" $root | quote }}
- name: {{ $prefix }}ENVIRONMENT
  value: {{ $root.Values.environment | quote }}
- name: {{ $prefix }}DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ default $root.Values.database.existingSecret $svc.database.existingSecret }}
      key: {{ $svc.database.secretKey }}
- name: {{ $prefix }}DATABASE_POOL_SIZE
  value: {{ $root.Values.database.poolSize | quote }}
- name: {{ $prefix }}NATS_URL
  value: {{ include "inspraak.natsUrl" $root | quote }}
- name: {{ $prefix }}KEYCLOAK_URL
  value: {{ $root.Values.keycloak.url | quote }}
{{- with $root.Values.keycloak.publicUrl }}
- name: {{ $prefix }}KEYCLOAK_PUBLIC_URL
  value: {{ . | quote }}
{{- end }}
{{- with $root.Values.keycloak.extraInstances }}
- name: {{ $prefix }}KEYCLOAK_INSTANCES
  value: {{ toJson . | quote }}
{{- end }}
- name: {{ $prefix }}TOKEN_AUDIENCE
  value: {{ $root.Values.keycloak.tokenAudience | quote }}
- name: {{ $prefix }}TRACE_SAMPLE_RATIO
  value: {{ $root.Values.telemetry.traceSampleRatio | quote }}
{{- with $root.Values.telemetry.otlpEndpoint }}
- name: {{ $prefix }}OTLP_ENDPOINT
  value: {{ . | quote }}
{{- end }}
- name: {{ $prefix }}LOG_LEVEL
  value: {{ $root.Values.logging.level | quote }}
- name: {{ $prefix }}LOG_JSON
  value: {{ $root.Values.logging.json | quote }}
- name: {{ $prefix }}EMBEDDED_WORKER
  value: {{ not $root.Values.workers.separate | quote }}
{{- if eq $name "identity" }}
- name: {{ $prefix }}KEYCLOAK_ADMIN_USER
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.keycloak.admin.existingSecret }}
      key: {{ $root.Values.keycloak.admin.usernameKey }}
- name: {{ $prefix }}KEYCLOAK_ADMIN_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.keycloak.admin.existingSecret }}
      key: {{ $root.Values.keycloak.admin.passwordKey }}
- name: {{ $prefix }}KEYCLOAK_ADMIN_REALM
  value: {{ $root.Values.keycloak.admin.realm | quote }}
- name: {{ $prefix }}KEYCLOAK_ADMIN_CLIENT_ID
  value: {{ $root.Values.keycloak.admin.clientId | quote }}
- name: {{ $prefix }}OPERATOR_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ $svc.operatorToken.existingSecret }}
      key: {{ $svc.operatorToken.key }}
{{- end }}
{{- if eq $name "gateway" }}
- name: {{ $prefix }}SESSION_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $svc.sessionKey.existingSecret }}
      key: {{ $svc.sessionKey.key }}
{{- end }}
{{- if eq $name "notifications" }}
- name: {{ $prefix }}SMTP_HOST
  value: {{ $svc.smtp.host | quote }}
- name: {{ $prefix }}SMTP_PORT
  value: {{ $svc.smtp.port | quote }}
- name: {{ $prefix }}SMTP_STARTTLS
  value: {{ $svc.smtp.startTls | quote }}
- name: {{ $prefix }}SMTP_SSL
  value: {{ $svc.smtp.ssl | quote }}
{{- with $svc.smtp.existingSecret }}
- name: {{ $prefix }}SMTP_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $svc.smtp.usernameKey }}
- name: {{ $prefix }}SMTP_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $svc.smtp.passwordKey }}
{{- end }}
- name: {{ $prefix }}MAIL_FROM_ADDRESS
  value: {{ $svc.mailFromAddress | quote }}
- name: {{ $prefix }}MAIL_FROM_NAME
  value: {{ $svc.mailFromName | quote }}
- name: {{ $prefix }}UNSUBSCRIBE_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ $svc.unsubscribeSecret.existingSecret }}
      key: {{ $svc.unsubscribeSecret.key }}
{{- end }}
{{- if eq $name "widget" }}
{{- with $svc.ingressHost }}
- name: {{ $prefix }}INGRESS_HOST
  value: {{ . | quote }}
{{- end }}
{{- with $svc.ingressAddresses }}
- name: {{ $prefix }}INGRESS_ADDRESSES
  value: {{ toJson . | quote }}
{{- end }}
{{- end }}
{{- if eq $name "gateway" }}
- name: FORWARDED_ALLOW_IPS
  value: {{ $root.Values.trustedProxies | quote }}
{{- range $upstream, $_ := $root.Values.services }}
{{- if ne $upstream "gateway" }}
- name: {{ $prefix }}{{ upper $upstream }}_URL
  value: {{ printf "http://%s:%v" (include "inspraak.componentName" (dict "root" $root "component" $upstream)) $root.Values.service.port | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- with $svc.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* OTEL_RESOURCE_ATTRIBUTES: the pod's identity plus telemetry.resourceAttributes. */}}
{{- define "inspraak.resourceAttributes" -}}
{{- $attributes := list "k8s.pod.name=$(POD_NAME)" "k8s.namespace.name=$(POD_NAMESPACE)" (printf "deployment.environment=%s" .Values.environment) }}
{{- range $key, $value := .Values.telemetry.resourceAttributes }}
{{- $attributes = append $attributes (printf "%s=%s" $key $value) }}
{{- end }}
{{- join "," $attributes }}
{{- end }}

{{/* The /tmp volume every read-only container writes its temporary files to. */}}
{{- define "inspraak.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: 64Mi
{{- end }}

{{- define "inspraak.tmpVolumeMount" -}}
- name: tmp
  mountPath: /tmp
{{- end }}

{{/* A NetworkPolicy egress rule; takes (dict "ports" (list 5432) "peers" list). No peers
means any destination on those ports. */}}
{{- define "inspraak.egressRule" -}}
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

{{/* Egress to the cluster DNS. */}}
{{- define "inspraak.dnsEgressRule" -}}
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

{{/* Egress a service's processes need: DNS, PostgreSQL, NATS, Keycloak, OTLP, and SMTP
for notifications; takes (dict "root" $ "service" "projects"). */}}
{{- define "inspraak.serviceEgressRules" -}}
{{- $root := .root }}
{{- include "inspraak.dnsEgressRule" $root }}
{{ include "inspraak.egressRule" (dict "ports" (list $root.Values.database.port) "peers" $root.Values.database.networkPeers) }}
{{- if $root.Values.nats.embedded.enabled }}
- ports:
    - port: 4222
      protocol: TCP
  to:
    - podSelector:
        matchLabels:
          {{- include "inspraak.selectorLabels" (dict "root" $root "component" "nats") | nindent 10 }}
{{- else }}
{{ include "inspraak.egressRule" (dict "ports" (list $root.Values.nats.port) "peers" $root.Values.nats.networkPeers) }}
{{- end }}
{{ include "inspraak.egressRule" (dict "ports" $root.Values.keycloak.ports "peers" $root.Values.keycloak.networkPeers) }}
{{- if $root.Values.telemetry.otlpEndpoint }}
{{ include "inspraak.egressRule" (dict "ports" $root.Values.telemetry.ports "peers" $root.Values.telemetry.networkPeers) }}
{{- end }}
{{- if eq .service "notifications" }}
{{- $smtp := $root.Values.services.notifications.smtp }}
{{ include "inspraak.egressRule" (dict "ports" (list $smtp.port) "peers" $smtp.networkPeers) }}
{{- end }}
{{- if eq .service "widget" }}
{{- $routing := $root.Values.services.widget.routingCheck }}
{{ include "inspraak.egressRule" (dict "ports" $routing.ports "peers" $routing.networkPeers) }}
{{- end }}
{{- end }}
