package validate

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/metricgen/metricgen/internal/diag"
	"github.com/metricgen/metricgen/internal/promql"
)

// validSpec declares the series of validExprs: a service's own metrics, the exporters' metrics
// real rule files use (node_exporter, kube-state-metrics, cAdvisor, client libraries), a
// recording rule, and alerts, panels and tests whose expressions and templates are correct.
const validSpec = `version: 1
namespace: shop
service: checkout
outputs: {rules: rules.yml}
target_labels: [cluster]
labels:
  method:
    help: HTTP method
    values: [GET, POST]
  status:
    help: Outcome of the call
    values: [success, error]
  code:
    help: HTTP status code of a failed call
    pattern: '^[1-5][0-9][0-9]$'
    max_values: 50
  # Exporters' labels, declared to have their values checked: the spec's naming and
  # personal-data rules are for its own metrics' labels, not for these.
  node:
    help: Kubernetes node
  ifAlias:
    help: SNMP interface alias
  host_ip:
    help: Host IP address of the pod
metrics:
  requests_total:
    type: counter
    help: Requests served
    labels: [method, status]
  errors_total:
    type: counter
    help: Failed requests by code
    labels: [code]
  request_duration_seconds:
    type: histogram
    help: Request duration
    unit: seconds
    labels: [method]
    buckets: [0.1, 0.5, 1, 5]
  queue_length:
    type: gauge
    help: Jobs waiting in the queue
external_metrics:
  up: {type: gauge, labels: [job, instance]}
  process_start_time_seconds: {type: gauge}
  node_cpu_seconds_total: {type: counter, labels: [cpu, mode]}
  node_memory_MemAvailable_bytes: {type: gauge}
  node_memory_MemTotal_bytes: {type: gauge}
  node_filesystem_avail_bytes: {type: gauge, labels: [device, fstype, mountpoint]}
  node_uname_info: {type: gauge, labels: [nodename, release]}
  kube_pod_info: {type: gauge, labels: [namespace, pod, node, host_ip], one_per: [namespace, pod]}
  kube_pod_owner: {type: gauge, labels: [namespace, pod, owner_kind, owner_name]}
  kubelet_node_name: {type: gauge, labels: [node], one_per: [instance]}
  ifHCInOctets: {type: counter, labels: [ifAlias, ifName]}
  kube_pod_container_status_restarts_total: {type: counter, labels: [namespace, pod, container]}
  container_memory_working_set_bytes: {type: gauge, labels: [namespace, pod, container]}
  http_request_duration_seconds: {type: summary, labels: [handler]}
recording_rules:
  - record: method:shop_requests:rate5m
    expr: sum by (method) (rate(shop_requests_total[5m]))
  # One recorded name per quantile, told apart by the rule's labels.
  - record: method:shop_request_duration_seconds:p99
    expr: histogram_quantile(0.99, sum by (le, method) (rate(shop_request_duration_seconds_bucket[5m])))
    labels: {quantile: "0.99"}
  - record: method:shop_request_duration_seconds:p99
    expr: histogram_quantile(0.9, sum by (le, method) (rate(shop_request_duration_seconds_bucket[5m])))
    labels: {quantile: "0.9"}
  # One recorded name per class of code, told apart by the values the expressions keep.
  - record: code:shop_errors:rate5m
    expr: sum by (code) (rate(shop_errors_total{code=~"4.."}[5m]))
  - record: code:shop_errors:rate5m
    expr: sum by (code) (rate(shop_errors_total{code=~"5.."}[5m]))
  - record: method:shop_request_errors:ratio_rate5m
    expr: |
      sum by (method) (rate(shop_requests_total{status="error"}[5m]))
        /
      sum by (method) (rate(shop_requests_total[5m]))
alerts:
  - alert: CheckoutDown
    expr: up{job="checkout"} == 0
    for: 5m
    severity: critical
    summary: 'Checkout target {{ $labels.instance }} of {{ $labels.job }} is down'
    description: '{{ with $labels.cluster }}Cluster {{ . }}: {{ end }}{{ index $labels "instance" }} has been down for 5 minutes'
  - alert: CheckoutErrors
    expr: >-
      method:shop_request_errors:ratio_rate5m > 0.05
    severity: warning
    summary: 'Errors on {{ $labels.method }}: {{ $value | humanizePercentage }}'
    description: '{{ printf "%.2f" $value }} of {{ .Labels.method }} calls fail'
  - alert: CheckoutSlow
    expr: "histogram_quantile(0.99,\n  sum by (le, method) (rate(shop_request_duration_seconds_bucket[5m]))) > 1"
    severity: warning
    summary: 'p99 latency of {{ $labels.method }} is {{ humanizeDuration $value }}'
    labels: {team: payments}
  - alert: Watchdog
    expr: vector(1)
    severity: none
    summary: Always firing, to prove the alerting pipeline works
  # Tiers: the same alert name with different severities.
  - alert: CheckoutQueueBacklog
    expr: shop_queue_length > 100
    for: 15m
    severity: warning
    summary: 'Queue of {{ $labels.instance }} holds {{ $value }} jobs'
  - alert: CheckoutQueueBacklog
    expr: shop_queue_length > 1000
    for: 5m
    severity: critical
    summary: 'Queue of {{ $labels.instance }} holds {{ $value }} jobs'
  - alert: CheckoutTargetDown
    expr: up{job="checkout"} == 0
    severity: critical
    summary: 'Target {{ $labels.instance }} is down'
    description: 'Job {{ $labels.job | toUpper }} on {{ $labels.instance | stripPort }}'
    runbook: https://runbooks.example.com/checkout#down
dashboard:
  panels:
    - title: Requests
      expr: sum by (method) (rate(shop_requests_total{job=~"$job", method=~"$method"}[$__rate_interval]))
    - title: p95
      expr: histogram_quantile(0.95, sum by (le) (rate(shop_request_duration_seconds_bucket{instance=~"${instance:regex}"}[$__rate_interval])))
tests:
  - name: ratio
    input_series:
      - {series: 'shop_requests_total{method="GET",status="error"}', values: '0+1x10'}
    promql_expr_test:
      - expr: method:shop_request_errors:ratio_rate5m
        eval_time: 5m
  - name: target down
    input_series:
      - {series: 'up{job="checkout", instance="app-1:8080"}', values: '1 1 0 0 0'}
      - {series: 'shop_request_duration_seconds_bucket{method="GET", le="0.5", job="checkout", instance="app-1:8080"}', values: '0+1x4'}
      - {series: 'kube_pod_info{namespace="shop", pod="checkout-0", node="n1", host_ip="10.0.0.1"}', values: '1x4'}
      - {series: 'shop_queue_length{job="checkout", instance="app-1:8080"}', values: '1234x4'}
    alert_rule_test:
      - eval_time: 4m
        alertname: CheckoutTargetDown
        exp_alerts:
          - exp_labels: {service: checkout, severity: critical, job: checkout, instance: "app-1:8080"}
            exp_annotations:
              summary: Target app-1:8080 is down
              description: Job CHECKOUT on app-1
              runbook_url: https://runbooks.example.com/checkout#down
      - eval_time: 4m
        alertname: CheckoutQueueBacklog
        exp_alerts:
          - exp_labels: {service: checkout, severity: critical, job: checkout, instance: "app-1:8080"}
            exp_annotations:
              summary: Queue of app-1:8080 holds 1234 jobs
`

// validExprs are correct real-world expressions: none may produce a diagnostic.
var validExprs = []struct {
	expr  string
	alert bool
}{
	{expr: `sum(rate(shop_requests_total[5m]))`},
	{expr: `sum by (method) (rate(shop_requests_total{status="error"}[5m])) / sum by (method) (rate(shop_requests_total[5m]))`},
	{expr: `sum without (instance) (rate(shop_requests_total[5m]))`},
	{expr: `rate(shop_requests_total{status="error"}[5m]) / ignoring(status) group_left sum without (status) (rate(shop_requests_total[5m]))`},
	{expr: `sum without (status) (rate(shop_requests_total{status="error"}[5m])) / sum without (status) (rate(shop_requests_total[5m]))`},
	{expr: `histogram_quantile(0.99, sum by (le, method) (rate(shop_request_duration_seconds_bucket[5m])))`},
	{expr: `histogram_quantile(0.9, sum by (le) (rate(shop_request_duration_seconds_bucket{method="GET"}[5m]))) > 0.5`, alert: true},
	{expr: `histogram_quantile(0.5, rate(shop_request_duration_seconds_bucket[5m]))`},
	{expr: `sum(rate(shop_request_duration_seconds_sum[5m])) / sum(rate(shop_request_duration_seconds_count[5m]))`},
	{expr: `avg by (method) (rate(shop_request_duration_seconds_sum[5m]) / rate(shop_request_duration_seconds_count[5m]))`},
	{expr: `sum by (method, le) (rate(shop_request_duration_seconds_bucket{le="0.5"}[5m])) / ignoring(le) sum by (method) (rate(shop_request_duration_seconds_count[5m]))`},
	{expr: `(sum(rate(shop_request_duration_seconds_bucket{le="0.5"}[5m])) + sum(rate(shop_request_duration_seconds_bucket{le="1"}[5m]))) / 2 / sum(rate(shop_request_duration_seconds_count[5m]))`},
	{expr: `absent(up{job="checkout"})`, alert: true},
	{expr: `absent_over_time(up{job="checkout"}[10m])`, alert: true},
	{expr: `up{job="checkout"} == 0 or absent(up{job="checkout"})`, alert: true},
	{expr: `avg_over_time(up[1h]) < 0.9`, alert: true},
	{expr: `max_over_time(rate(shop_requests_total[5m])[1h:1m])`},
	{expr: `rate(shop_requests_total[5m] offset 1h)`},
	{expr: `sum(rate(shop_requests_total[5m])) / sum(rate(shop_requests_total[5m] offset 1w)) < 0.5`, alert: true},
	{expr: `shop_queue_length @ end()`},
	{expr: `shop_queue_length @ 1700000000`},
	{expr: `predict_linear(node_filesystem_avail_bytes{fstype!="tmpfs"}[6h], 4 * 3600) < 0`, alert: true},
	{expr: `label_replace(up, "host", "$1", "instance", "([^:]+):.*")`},
	{expr: `label_join(up, "target", "/", "job", "instance")`},
	{expr: `label_replace(rate(node_cpu_seconds_total{mode="idle"}[5m]), "host", "$1", "instance", "(.*):.*") * on(instance) group_left(nodename) node_uname_info`},
	{expr: `sum(rate(shop_errors_total[5m])) or vector(0)`},
	{expr: `(sum(rate(shop_errors_total[5m])) or vector(0)) / sum(rate(shop_requests_total[5m])) > 0.01`, alert: true},
	{expr: `up unless on(job, instance) shop_queue_length`},
	{expr: `count without (cpu, mode) (node_cpu_seconds_total{mode="idle"})`},
	{expr: `count by (release) (node_uname_info)`},
	{expr: `count_values("release", node_uname_info)`},
	{expr: `shop_queue_length > bool 100`},
	{expr: `sum(shop_queue_length > bool 100)`},
	{expr: `topk(3, sum by (method) (rate(shop_requests_total[5m])))`},
	{expr: `bottomk(1, shop_queue_length)`},
	{expr: `quantile(0.9, shop_queue_length)`},
	{expr: `1 - (node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) > 0.9`, alert: true},
	{expr: `sum by (namespace, pod) (kube_pod_container_status_restarts_total)`},
	{expr: `increase(kube_pod_container_status_restarts_total[1h]) > 3`, alert: true},
	{expr: `container_memory_working_set_bytes * on(namespace, pod) group_left(node) kube_pod_info`},
	{expr: `sum by (namespace) (container_memory_working_set_bytes) / on(namespace) group_left sum by (namespace) (kube_pod_info)`},
	{expr: `time() - process_start_time_seconds < 300`, alert: true},
	{expr: `changes(process_start_time_seconds[1h]) > 2`, alert: true},
	{expr: `resets(shop_requests_total[1h]) > 0`, alert: true},
	{expr: `deriv(shop_queue_length[10m]) > 0`, alert: true},
	{expr: `abs(delta(shop_queue_length[5m])) > 10`, alert: true},
	{expr: `rate(shop_requests_total{method=~"GET|POST"}[5m])`},
	{expr: `shop_requests_total{method!="POST", status=~"err.*"}`},
	{expr: `sum(rate(shop_requests_total{status!~"success"}[5m])) by (method)`},
	{expr: `sort_desc(sum by (method) (rate(shop_requests_total[5m])))`},
	{expr: `clamp_min(shop_queue_length, 0)`},
	{expr: `round(shop_queue_length, 10)`},
	{expr: `sum(up{job="checkout"}) < scalar(count(up)) / 2`},
	{expr: `vector(1)`, alert: true},
	{expr: `sum(rate(shop_requests_total[5m])) > 100 and on() hour() >= 8 < 20`, alert: true},
	{expr: `shop_errors_total{code=~"5.."}`},
	{expr: `rate(shop_errors_total{code=~"500|502|503"}[5m])`},
	{expr: `sum by (job) (up) / count by (job) (up) < 0.5`, alert: true},
	{expr: `max by (instance) (shop_queue_length) - min by (instance) (shop_queue_length)`},
	{expr: `http_request_duration_seconds{quantile="0.99"} > 1`, alert: true},
	{expr: `sum(rate(http_request_duration_seconds_count[5m])) by (handler)`},
	{expr: `sum by (cluster) (up)`},
	{expr: `method:shop_requests:rate5m{method="GET"}`},
	{expr: `method:shop_requests:rate5m / on() group_left sum(method:shop_requests:rate5m)`},
	{expr: `timestamp(up)`},
	{expr: `sum(irate(shop_requests_total[1m]))`},
	{expr: `last_over_time(up[5m])`},
	{expr: `quantile_over_time(0.95, shop_queue_length[1h])`},
	{expr: `-shop_queue_length`},
	{expr: `shop_queue_length{job="checkout", cluster!=""}`},
	{expr: "sum by (method) (\n  rate(shop_requests_total[5m]) # every call\n)"},
	// One series per match group: the one side of a join, however many values its labels take.
	{expr: `container_memory_working_set_bytes * on (namespace, pod) group_left (node) kube_pod_info`},
	{expr: `container_memory_working_set_bytes * on (namespace, pod) group_left (owner_kind) topk by (namespace, pod) (1, max by (namespace, pod, owner_kind) (kube_pod_owner))`},
	{expr: `up * on (instance) group_left (node) kubelet_node_name`},
	{expr: `node_memory_MemAvailable_bytes * on (instance) group_left (nodename) node_uname_info < 1e9`, alert: true},
	{expr: `sum by (ifAlias) (rate(ifHCInOctets{ifAlias!=""}[5m]))`},
	{expr: `count by (__name__) ({__name__=~"shop_.+"})`},
}

func writeValidSpec(t testing.TB) string {
	dir := t.TempDir()
	path := filepath.Join(dir, "spec.yaml")
	if err := os.WriteFile(path, []byte(validSpec), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestValidSpec: the whole valid spec, through every check, raises nothing.
func TestValidSpec(t *testing.T) {
	path := writeValidSpec(t)
	_, ds := File(path, Options{OutRoot: filepath.Dir(path)})
	for _, d := range ds {
		t.Errorf("valid spec: unexpected %s", d)
	}
}

func TestValidExprs(t *testing.T) {
	f, s := loadSpec(t, writeValidSpec(t))
	dl := &diag.List{File: f.Path}
	checkExprs(f, s, dl)
	for _, d := range dl.Diags {
		t.Errorf("valid spec: unexpected %s", d)
	}

	if len(validExprs) < 40 {
		t.Errorf("%d valid expressions; the corpus needs at least 40", len(validExprs))
	}
	cat := catalog(s, f)
	for _, tc := range validExprs {
		for _, fd := range cat.Check(tc.expr, promql.Options{Alert: tc.alert}).Findings {
			t.Errorf("%s\n  col %d: %s: %s", tc.expr, fd.Off+1, fd.Severity, fd.Msg)
		}
	}
}
