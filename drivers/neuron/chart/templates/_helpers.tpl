{{- define "neuron-dra.name" -}}
{{- default "neuron-dra-driver" .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "neuron-dra.namespace" -}}
{{- default .Release.Namespace .Values.namespace -}}
{{- end -}}

{{- define "neuron-dra.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "neuron-dra.name" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "neuron-dra.labels" -}}
app.kubernetes.io/name: {{ include "neuron-dra.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{- define "neuron-dra.selectorLabels" -}}
app.kubernetes.io/name: {{ include "neuron-dra.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: kubelet-plugin
{{- end -}}
