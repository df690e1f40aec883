{{- define "efa-dra.name" -}}
{{- default "efa-dra-driver" .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "efa-dra.namespace" -}}
{{- default .Release.Namespace .Values.namespace -}}
{{- end -}}

{{- define "efa-dra.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "efa-dra.name" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "efa-dra.labels" -}}
app.kubernetes.io/name: {{ include "efa-dra.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{- define "efa-dra.selectorLabels" -}}
app.kubernetes.io/name: {{ include "efa-dra.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: kubelet-plugin
{{- end -}}
