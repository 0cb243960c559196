package kvmetrics_test

import (
	"testing"

	dto "github.com/prometheus/client_model/go"

	"scratch/go-native/kvmetrics"
)

func TestNative(t *testing.T) {
	m, reg := newMetrics(t, kvmetrics.New, kvmetrics.MustNew)
	m.RPCDurationSeconds.Observe(0.005, kvmetrics.RPCGet)
	m.ValueSizeBytes.Observe(100)
	m.QueueWaitSeconds.Observe(0.2)
	// The text format holds the classic buckets only: none but +Inf for a native-only histogram.
	check(t, reg, m, `
# HELP kv_queue_wait_seconds Time a job waits in the queue
# TYPE kv_queue_wait_seconds histogram
kv_queue_wait_seconds_bucket{le="+Inf"} 1
kv_queue_wait_seconds_sum 0.2
kv_queue_wait_seconds_count 1
# HELP kv_rpc_duration_seconds RPC latency
# TYPE kv_rpc_duration_seconds histogram
kv_rpc_duration_seconds_bucket{rpc="Get",le="0.001"} 0
kv_rpc_duration_seconds_bucket{rpc="Get",le="0.01"} 1
kv_rpc_duration_seconds_bucket{rpc="Get",le="0.1"} 1
kv_rpc_duration_seconds_bucket{rpc="Get",le="1"} 1
kv_rpc_duration_seconds_bucket{rpc="Get",le="+Inf"} 1
kv_rpc_duration_seconds_sum{rpc="Get"} 0.005
kv_rpc_duration_seconds_count{rpc="Get"} 1
kv_rpc_duration_seconds_bucket{rpc="Put",le="0.001"} 0
kv_rpc_duration_seconds_bucket{rpc="Put",le="0.01"} 0
kv_rpc_duration_seconds_bucket{rpc="Put",le="0.1"} 0
kv_rpc_duration_seconds_bucket{rpc="Put",le="1"} 0
kv_rpc_duration_seconds_bucket{rpc="Put",le="+Inf"} 0
kv_rpc_duration_seconds_sum{rpc="Put"} 0
kv_rpc_duration_seconds_count{rpc="Put"} 0
# HELP kv_value_size_bytes Size of stored values
# TYPE kv_value_size_bytes histogram
kv_value_size_bytes_bucket{le="64"} 0
kv_value_size_bytes_bucket{le="1024"} 1
kv_value_size_bytes_bucket{le="16384"} 1
kv_value_size_bytes_bucket{le="+Inf"} 1
kv_value_size_bytes_sum 100
kv_value_size_bytes_count 1
`)
	// Native buckets sit alongside: a schema (factor 1.1 -> schema 3, 1.05 -> schema 4) and a
	// populated span.
	for _, c := range []struct {
		h      *dto.Histogram
		schema int32
	}{
		{sample(t, reg, "kv_rpc_duration_seconds", "rpc", "Get").GetHistogram(), 3},
		{sample(t, reg, "kv_value_size_bytes").GetHistogram(), 4},
	} {
		if c.h.Schema == nil || c.h.GetSchema() != c.schema || len(c.h.PositiveSpan) != 1 || len(c.h.Bucket) == 0 {
			t.Errorf("native histogram: schema %v (want %d), spans %v, %d classic buckets", c.h.Schema, c.schema, c.h.PositiveSpan, len(c.h.Bucket))
		}
	}
	// A native-only histogram has native buckets and no classic ones.
	if h := sample(t, reg, "kv_queue_wait_seconds").GetHistogram(); h.GetSchema() != 3 || len(h.PositiveSpan) != 1 || len(h.Bucket) != 0 {
		t.Errorf("native-only histogram: schema %d, spans %v, %d classic buckets; want 3, one span, none", h.GetSchema(), h.PositiveSpan, len(h.Bucket))
	}
	noAllocs(t, "native Observe", func() { m.RPCDurationSeconds.Observe(0.005, kvmetrics.RPCPut) })
}
