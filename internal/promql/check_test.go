package promql

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCheck runs single expressions against testCatalog. Each want is "col: severity: " and
// the start of the message.
func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		expr   string
		alert  bool
		want   []string
		labels []string // the result's labels; nil: not checked
	}{
		// Label inference, no findings.
		{expr: `sum(rate(klaviyo_api_errors_total[5m])) / sum(rate(klaviyo_api_requests_total[5m])) > 0.05`, labels: []string{}},
		{expr: `klaviyo_api_requests_total{status="error"}`, labels: []string{"__name__", "endpoint", "instance", "job", "method", "status"}},
		{expr: `sum by (endpoint, le) (rate(klaviyo_api_duration_seconds_bucket[5m]))`, labels: []string{"endpoint", "le"}},
		{expr: `histogram_quantile(0.9, sum by (endpoint, le) (rate(klaviyo_api_duration_seconds_bucket[5m])))`, labels: []string{"endpoint"}},
		{expr: `histogram_quantile(0.9, sum by (endpoint) (rate(klaviyo_api_response_size_bytes[5m])))`, labels: []string{"endpoint"}},
		{expr: `sum without (method, status) (rate(klaviyo_api_requests_total[5m]))`, labels: []string{"endpoint", "instance", "job"}},
		{expr: `topk(3, klaviyo_api_requests_total)`, labels: []string{"__name__", "endpoint", "instance", "job", "method", "status"}},
		{expr: `count_values("remaining", klaviyo_rate_limit_remaining)`, labels: []string{"remaining"}},
		{expr: `absent(up{job="klaviyo", instance=~".+"})`, labels: []string{"job"}},
		{expr: `label_replace(up, "host", "$1", "instance", "(.*):.*")`, labels: []string{"__name__", "host", "instance", "job"}},
		{expr: `label_join(up, "target", "/", "job", "instance")`, labels: []string{"__name__", "instance", "job", "target"}},
		{expr: `up * on(instance) group_left(release) node_uname_info`, labels: []string{"instance", "job", "release"}},
		{expr: `sum by (endpoint) (rate(klaviyo_api_requests_total[5m])) / on(endpoint) group_right sum by (endpoint, method) (rate(klaviyo_api_requests_total[5m]))`, labels: []string{"endpoint", "method"}},
		{expr: `up / on(instance) up`, labels: []string{"instance"}},
		{expr: `up / ignoring(job) up`, labels: []string{"instance"}},
		{expr: `up > 0`, labels: []string{"__name__", "instance", "job"}},
		{expr: `up > bool 0`, labels: []string{"instance", "job"}},
		{expr: `sum by (endpoint) (rate(klaviyo_api_requests_total[5m])) or vector(0)`, labels: []string{"endpoint"}},
		{expr: `vector(1)`, labels: []string{}},
		{expr: `scalar(up)`, labels: nil},
		{expr: `klaviyo:api_requests:rate5m`, labels: []string{"__name__", "endpoint"}},
		{expr: `klaviyo:api_duration_seconds:p95`, labels: []string{"__name__", "endpoint", "quantile"}},
		{expr: `legacy_thing{anything="x"}`},
		{expr: `rpc_duration_seconds{quantile="0.99"} > 1`, alert: true},
		{expr: `klaviyo_queue_depth / on(region) group_left klaviyo_queue_depth`},
		{expr: `rate(klaviyo_api_requests_total{status="error"}[5m]) / ignoring(status) rate(klaviyo_api_requests_total{status="success"}[5m])`},
		{expr: `rate(klaviyo_api_requests_total{status!="error"}[5m]) / ignoring(status) rate(klaviyo_api_requests_total{status="error"}[5m])`},

		// Findings.
		{expr: `sum(rate(foo[5m]`, want: []string{`9: error: invalid PromQL: unclosed left parenthesis`}},
		{expr: "up +\n  # comment\n  (", want: []string{`20: error: invalid PromQL: unclosed left parenthesis`}},
		{expr: `klaviyo_api_duration_seconds_count{le="1"}`, want: []string{`36: error: klaviyo_api_duration_seconds_count has no label le`}},
		{expr: `klaviyo_api_duration_seconds_bucket{le="one"}`, want: []string{`37: error: le="one" never matches: le is a bucket's upper bound`}},
		{expr: `klaviyo_api_duration_seconds_bucket{le="+Inf"} - klaviyo_api_duration_seconds_bucket{le="1.0"}`},
		{expr: `klaviyo_api_requests_total{status=~"success|failure"}`},
		{expr: `klaviyo_api_requests_total{status=~"ok|failure"}`, want: []string{`28: error: status=~"ok|failure" never matches: status takes only the values success, error; fix the regular expression`}},
		{expr: `klaviyo_api_requests_total{status!="success", status!="error"}`, want: []string{`47: error: status!="error" never matches together with the other matchers on status`}},
		{expr: `klaviyo:api_requests:rate5m{endpoint="nowhere"}`, want: []string{`29: error: endpoint="nowhere" never matches: endpoint takes only the values profiles, events, lists, campaigns`}},
		{expr: `klaviyo:api_duration_seconds:p95{quantile="0.99"}`}, // a rule's label: its value is not declared
		{expr: `histogram_quantile(0.9, sum without (le) (rate(klaviyo_api_duration_seconds_bucket[5m])))`, want: []string{`25: error: histogram_quantile needs the le label of the buckets, but sum without (le) drops it; keep it: sum`}},
		{expr: `histogram_quantile(0.9, sum(rate(klaviyo_api_duration_seconds_bucket[5m])))`, want: []string{`25: error: histogram_quantile needs the le label of the buckets, but sum drops it; keep it: sum by (le)`}},
		{expr: `histogram_quantile(0.9, klaviyo_api_duration_seconds_bucket / on(endpoint, method) group_left sum by (endpoint, method) (klaviyo_api_duration_seconds_count))`},
		{expr: `irate(rpc_duration_seconds[5m])`, want: []string{`1: warning: irate() of gauge rpc_duration_seconds`}},
		{expr: `predict_linear(klaviyo_api_duration_seconds_count[1h], 3600)`, want: []string{`1: warning: predict_linear() of counter klaviyo_api_duration_seconds_count`}},
		{expr: `klaviyo_api_requests_total - klaviyo_api_requests_total offset 1h > 10`, alert: true, want: []string{
			`1: warning: counter klaviyo_api_requests_total is used without rate() or increase()`,
			`30: warning: counter klaviyo_api_requests_total is used without rate() or increase()`}},
		{expr: `count(klaviyo_api_requests_total) > 0 and on() absent(klaviyo_api_errors_total)`, alert: true},
		{expr: `up == 0 and on(instance) klaviyo_api_requests_total`, alert: true},
		{expr: `up == 0 and on(instance) count by (instance) (klaviyo_api_requests_total > 1e6)`, alert: true, want: []string{
			`47: warning: counter klaviyo_api_requests_total is used without rate() or increase()`}},
		{expr: `up > bool 0`, alert: true, want: []string{`1: warning: the alert's expression has no comparison`}},
		{expr: `  sum(up)`, alert: true, want: []string{`3: warning: the alert's expression has no comparison`}},
		{expr: `up unless on(instance) up == 0`, alert: true},
		{expr: `(up == 0) * 100`, alert: true},
		{expr: `up == 0 or up`, alert: true, want: []string{`1: warning: the alert's expression has no comparison`}},
		{expr: `sum by (endpoint) (klaviyo:api_requests:rate5m) / sum by (method) (klaviyo_api_requests_total)`, want: []string{`49: error: left side has labels {endpoint}, right side {method}: the division never matches`}},
		{expr: `up * on(instance) group_left(version) node_uname_info`, want: []string{`30: warning: group_left(version): the right side has no label version (its labels: instance, job, nodename, release)`}},
		{expr: `node_uname_info * on(instance) group_right(version) up`, want: []string{`44: warning: group_right(version): the left side has no label version`}},
		{expr: `up / ignoring(nodename) up`, want: []string{`15: warning: ignoring(nodename): neither side has label nodename`}},
		{expr: `count_values("v", up) / on(v) group_left up`, want: []string{`23: error: left side has labels {v}, right side {instance, job}: the division on(v) group_left never matches`}},
		{expr: `label_replace(up, "0bad", "x", "", "")`, want: []string{`19: error: label_replace(): "0bad" is not a valid label name`}},
		{expr: `label_join(up, "t", "-", "jobb")`, want: []string{`26: warning: label_join(): the input has no label jobb (its labels: instance, job), so it reads an empty value; did you mean job?`}},
		{expr: `topk by (statuss) (1, klaviyo_api_requests_total)`, want: []string{`10: error: topk by (statuss): no series of the input can carry label statuss`}},
		{expr: `sum(klaviyo_api_requests_total) by (endpoint, statuss)`, want: []string{`47: error: sum by (endpoint, statuss): no series of the input can carry label statuss`}},
		{expr: `{__name__="klaviyo_api_request_total"}`, want: []string{`1: error: unknown metric klaviyo_api_request_total`}},
		{expr: `{__name__=~"klaviyo_api_.*", endpoint="x"}`},
		{expr: `{job="klaviyo"}`},
		{expr: `klaviyo_api_requests_total{region=""}`, want: []string{`28: warning: klaviyo_api_requests_total has no label region`}},
		{expr: `klaviyo_api_errors_total{status_code=~"5..", status_code!~"unknown"}`},
	} {
		r := testCatalog().Check(tc.expr, Options{Alert: tc.alert})
		var got []string
		for _, f := range r.Findings {
			got = append(got, format([]Finding{f})[0])
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s:\n got %q\nwant %q", tc.expr, got, tc.want)
		} else {
			for i := range got {
				if !strings.HasPrefix(got[i], tc.want[i]) {
					t.Errorf("%s:\n got %q\nwant %q...", tc.expr, got[i], tc.want[i])
				}
			}
		}
		if tc.labels != nil {
			if !r.Labels.Known() {
				t.Errorf("%s: labels unknown, want %v", tc.expr, tc.labels)
			} else if diff := cmp.Diff(tc.labels, r.Labels.Names(), cmp.Comparer(func(a, b []string) bool { return strings.Join(a, ",") == strings.Join(b, ",") })); diff != "" {
				t.Errorf("%s: labels (-want +got):\n%s", tc.expr, diff)
			}
		}
	}
}

func TestRecordCycle(t *testing.T) {
	c := NewCatalog([]string{"job", "instance"}, nil)
	c.AddRecord("a:x:sum", "sum by (job) (b:x:sum)", nil)
	c.AddRecord("b:x:sum", "sum by (job) (a:x:sum)", nil)
	if r := c.Check("a:x:sum{job=\"x\"}", Options{}); len(r.Findings) != 0 {
		t.Errorf("a cycle of recording rules: %v", r.Findings)
	}
}

func TestSubstituteGrafana(t *testing.T) {
	for _, tc := range []struct {
		in, out string
	}{
		{`rate(x[$__rate_interval])`, `rate(x[5m])`},
		{`rate(x{job=~"$job"}[${__interval}])`, `rate(x{job=~"__grafana_var__"}[5m])`},
		{`sum by ($label) (x) > $threshold`, `sum by (__grafana_var__) (x) > 1`},
		{`x offset $shift`, `x offset 5m`},
		{`$metric{a="b"} * [[scale]]`, `__grafana_var__{a="b"} * 1`},
		{`x_$suffix / $__range_s`, `x___grafana_var__ / 300`},
		{`label_replace(x, "a", "$1", "b", "(.*)")`, `label_replace(x, "a", "$1", "b", "(.*)")`},
		{`x{a="${var:regex}", b='$v'}`, `x{a="__grafana_var__", b='__grafana_var__'}`},
		{`rate(x[[[interval]]])`, `rate(x[5m])`},
	} {
		out, pos := SubstituteGrafana(tc.in)
		if out != tc.out {
			t.Errorf("SubstituteGrafana(%s) = %s, want %s", tc.in, out, tc.out)
			continue
		}
		// Every offset outside a substitution maps to the same text.
		for i := range len(out) {
			j := pos(i)
			if j < 0 || j >= len(tc.in) {
				t.Errorf("%s: offset %d maps to %d", tc.in, i, j)
			}
		}
		if i := strings.LastIndexByte(out, ')'); i >= 0 && tc.in[pos(i)] != ')' {
			t.Errorf("%s: the last ')' maps to %q", tc.in, tc.in[pos(i)])
		}
	}
}

func TestGrafanaCheck(t *testing.T) {
	expr := `sum by ($group) (rate(klaviyo_api_requests_total{status=~"$status", methd="$m"}[$__rate_interval]))`
	q, pos := SubstituteGrafana(expr)
	r := testCatalog().Check(q, Options{Grafana: true})
	if len(r.Findings) != 1 {
		t.Fatalf("findings %v", r.Findings)
	}
	f := r.Findings[0]
	if off := pos(f.Off); expr[off:off+5] != "methd" {
		t.Errorf("finding at %d (%q), want at methd", off, expr[off:])
	}
	if !strings.Contains(f.Msg, `methd="$var"`) {
		t.Errorf("message %q shows the placeholder", f.Msg)
	}
}

// joinCatalog has exporter metrics whose labels are declared, so that their values count as
// several per match group unless something says there is one series per group.
func joinCatalog() *Catalog {
	c := NewCatalog([]string{"job", "instance"}, []Label{
		{Name: "namespace"}, {Name: "pod"}, {Name: "node"}, {Name: "nodename"}, {Name: "owner_kind"}, {Name: "code"},
	})
	c.AddMetric(Metric{Name: "container_memory_rss", Type: "gauge", Labels: []string{"namespace", "pod"}, External: true})
	c.AddMetric(Metric{Name: "kube_pod_info", Type: "gauge", Labels: []string{"namespace", "pod", "node"}, External: true})
	c.AddMetric(Metric{Name: "kube_pod_owner", Type: "gauge", Labels: []string{"namespace", "pod", "owner_kind"}, External: true, OnePer: []string{"namespace", "pod"}})
	c.AddMetric(Metric{Name: "kubelet_node_name", Type: "gauge", Labels: []string{"node"}, External: true, OnePer: []string{"instance"}})
	c.AddMetric(Metric{Name: "node_uname_info", Type: "gauge", Labels: []string{"nodename"}, External: true, OnePer: []string{"job", "instance"}})
	c.AddMetric(Metric{Name: "node_load1", Type: "gauge", External: true})
	c.AddMetric(Metric{Name: "http_requests_total", Type: "counter", Labels: []string{"code"}, External: true})
	c.AddMetric(Metric{Name: "up", Type: "gauge"})
	c.AddRecord("code:http_requests:rate5m", `sum by (code) (rate(http_requests_total{code=~"2.."}[5m]))`, nil)
	c.AddRecord("code:http_requests:rate5m", `sum by (code) (rate(http_requests_total{code=~"5.."}[5m]))`, nil)
	return c
}

// TestOneSeriesPerGroup: a side known to hold one series per match group is no many-to-many.
func TestOneSeriesPerGroup(t *testing.T) {
	for _, tc := range []struct {
		expr string
		want string // the start of the one finding; "" for none
	}{
		{`container_memory_rss * on (namespace, pod) group_left (node) kube_pod_info`, "error: the right side of the multiplication on(namespace, pod) group_left(node) must have one series per match group"},
		{`container_memory_rss * on (namespace, pod) group_left (node) topk by (namespace, pod) (1, max by (namespace, pod, node) (kube_pod_info))`, ""},
		{`container_memory_rss * on (namespace, pod) group_left (node) bottomk by (namespace, pod) (1, kube_pod_info)`, ""},
		{`container_memory_rss * on (namespace, pod) group_left (node) topk by (namespace, pod) (2, kube_pod_info)`, "error: the right side"},
		{`container_memory_rss * on (namespace, pod) group_left (node) max by (namespace, pod, node) (kube_pod_info)`, "error: the right side"},
		{`container_memory_rss * on (namespace, pod) group_left (owner_kind) kube_pod_owner`, ""},
		{`container_memory_rss * on (namespace, pod) group_left (owner_kind) (kube_pod_owner > 0)`, ""},
		{`node_load1 * on (instance) group_left (nodename) node_uname_info > 10`, ""},
		{`node_load1 * on (job, instance) group_left (nodename) node_uname_info > 10`, ""},
		{`up * on (instance) group_left (node) kubelet_node_name`, ""},
		{`up * on (instance) group_left (node) label_replace(kubelet_node_name, "node", "$1", "instance", "(.*)")`, ""}, // node follows instance still
		{`up * on (instance) group_left (node) label_replace(kubelet_node_name, "instance", "$1", "node", "(.*)")`, "error: the right side"},
	} {
		r := joinCatalog().Check(tc.expr, Options{})
		var got string
		for _, f := range r.Findings {
			got += fmt.Sprintf("%s: %s\n", f.Severity, f.Msg)
		}
		if tc.want == "" && got != "" || tc.want != "" && !strings.HasPrefix(got, tc.want) {
			t.Errorf("%s:\n got %q\nwant %q", tc.expr, got, tc.want)
		}
	}
}

// TestResultLabels: what the result of an expression is known to carry, for templates.
func TestResultLabels(t *testing.T) {
	c := joinCatalog()
	// Grouping fixes the labels, whatever the input.
	r := c.Check(`count by (__name__) ({__name__=~".+"})`, Options{})
	if !r.Labels.Known() || r.Labels.Has("instance") || !r.Labels.Has("__name__") {
		t.Errorf("count by (__name__) of anything: labels %v (known %v), want only __name__", r.Labels.Names(), r.Labels.Known())
	}
	// or: a label of one branch only is maybe present.
	r = c.Check(`up == 0 or absent(up{job="node"})`, Options{})
	if !r.Labels.Maybe("instance") || r.Labels.Maybe("job") {
		t.Errorf("up == 0 or absent(up{job=...}): instance maybe %v (want true), job maybe %v (want false)", r.Labels.Maybe("instance"), r.Labels.Maybe("job"))
	}
	// A mistake on one part does not hide the result's labels from the checks after it.
	r = c.Check(`sum by (namespace) (container_memory_rss) / sum by (pod) (container_memory_rss)`, Options{})
	if len(r.Findings) != 1 || !r.Labels.Known() || !r.Labels.Has("namespace") || r.Labels.Has("node") {
		t.Errorf("never-matching division: findings %v, labels %v (known %v), want one finding and {namespace}", r.Findings, r.Labels.Names(), r.Labels.Known())
	}
}

// TestApart: results told apart by their labels' values.
func TestApart(t *testing.T) {
	c := joinCatalog()
	res := func(q string) Labels { return c.Check(q, Options{}).Labels }
	for _, tc := range []struct {
		a, b  string
		apart bool
	}{
		{`sum by (code) (rate(http_requests_total{code=~"2.."}[5m]))`, `sum by (code) (rate(http_requests_total{code=~"5.."}[5m]))`, true},
		{`sum by (code) (rate(http_requests_total{code=~"2.."}[5m]))`, `sum by (code) (rate(http_requests_total{code=~"2.."}[5m]))`, false},
		{`sum by (code) (rate(http_requests_total{code="200"}[5m]))`, `sum by (code) (rate(http_requests_total{code=~"5.."}[5m]))`, true},
		{`sum by (code) (rate(http_requests_total{code=~"LIST|GET"}[5m]))`, `sum by (code) (rate(http_requests_total{code=~"POST|PUT"}[5m]))`, true},
		{`sum(rate(http_requests_total{code=~"2.."}[5m]))`, `sum(rate(http_requests_total{code=~"5.."}[5m]))`, false},
		{`sum by (code) (rate(http_requests_total[5m]))`, `sum by (pod) (container_memory_rss)`, true},
		{`sum by (code) (rate(http_requests_total[5m]))`, `sum by (code) (rate(http_requests_total{code!="200"}[5m]))`, false},
	} {
		if got := res(tc.a).Apart(res(tc.b), nil); got != tc.apart {
			t.Errorf("%s\n%s: apart %v, want %v", tc.a, tc.b, got, tc.apart)
		}
	}
}

// TestMatchingLabelTypos: by (...) and on (...) with a label no input series can carry.
func TestMatchingLabelTypos(t *testing.T) {
	c := joinCatalog()
	for _, tc := range []struct{ expr, want string }{
		{`sum by (namespce) (container_memory_rss)`, "error: sum by (namespce): no series of the input can carry label namespce (its labels: instance, job, namespace, pod), so the result never carries it; did you mean namespace?"},
		{`sum by (instance) (sum by (namespace) (container_memory_rss))`, "warning: sum by (instance): the input has no label instance"}, // a target label: no error
		{`sum by (podd) (label_replace(container_memory_rss, "podd", "$1", "pod", "(.*)"))`, ""},
		{`container_memory_rss / on (namespce) container_memory_rss`, "error: on(namespce): no series of either side can carry label namespce"},
		{`container_memory_rss / ignoring (namespce) container_memory_rss`, "warning: ignoring(namespce): neither side has label namespce"},
		{`sum without (namespce) (container_memory_rss)`, "warning: sum without (namespce): the input has no label namespce"},
		{`container_memory_rss and on (node) kube_pod_info`, "error: left side has labels {instance, job, namespace, pod}, right side {instance, job, namespace, node, pod}: and on(node) never matches, so the result is always empty; node is on one side only: keep node on both sides (by (...), label_replace) or match on labels both sides have"},
		{`sum(container_memory_rss) and sum by (node) (kube_pod_info)`, "error: left side has labels {}, right side {node}: and never matches, so the result is always empty; aggregate both sides (sum(...)), or match on the labels that should decide with on(...)"},
	} {
		r := c.Check(tc.expr, Options{})
		var got string
		for _, f := range r.Findings {
			got += fmt.Sprintf("%s: %s\n", f.Severity, f.Msg)
		}
		if tc.want == "" && got != "" || tc.want != "" && !strings.HasPrefix(got, tc.want) {
			t.Errorf("%s:\n got %q\nwant %q", tc.expr, got, tc.want)
		}
		if strings.Contains(got, "group_left") && strings.Contains(tc.expr, " and ") {
			t.Errorf("%s: a hint for and suggests group_left, which promtool rejects: %s", tc.expr, got)
		}
	}
}
