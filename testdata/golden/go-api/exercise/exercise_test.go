package workermetrics_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"reflect"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"scratch/go-api/workermetrics"
)

// observeDBStats maps database/sql's pool statistics onto the spec's metrics read at scrape
// time, for the pool db is: what a service writes once, after sql.Open. Each function reads
// db.Stats() when Prometheus scrapes; nothing runs in between.
func observeDBStats(m *workermetrics.Metrics, pool workermetrics.Pool, db *sql.DB) {
	stat := func(f func(sql.DBStats) float64) func() float64 {
		return func() float64 { return f(db.Stats()) }
	}
	m.DBConnections.Observe(stat(func(s sql.DBStats) float64 { return float64(s.InUse) }), pool, workermetrics.StateInUse)
	m.DBConnections.Observe(stat(func(s sql.DBStats) float64 { return float64(s.Idle) }), pool, workermetrics.StateIdle)
	m.DBMaxOpenConnections.Observe(stat(func(s sql.DBStats) float64 { return float64(s.MaxOpenConnections) }), pool)
	m.DBWaitsTotal.Observe(stat(func(s sql.DBStats) float64 { return float64(s.WaitCount) }), pool)
	m.DBWaitDurationSecondsTotal.Observe(stat(func(s sql.DBStats) float64 { return s.WaitDuration.Seconds() }), pool)
}

func TestParse(t *testing.T) {
	for s, want := range map[string]workermetrics.Queue{
		"email": workermetrics.QueueEmail, "sms": workermetrics.QueueSMS, "push": workermetrics.QueuePush, "other": workermetrics.QueueOther,
	} {
		if got, ok := workermetrics.ParseQueue(s); got != want || !ok {
			t.Errorf("ParseQueue(%q) = %v, %v; want %v, true", s, got, ok, want)
		}
		if got := workermetrics.QueueOf(s); got != want {
			t.Errorf("QueueOf(%q) = %v, want %v", s, got, want)
		}
	}
	for _, s := range []string{"fax", "SMS", " sms", ""} {
		if got, ok := workermetrics.ParseQueue(s); ok || got.String() != "Queue(4)" {
			t.Errorf("ParseQueue(%q) = %v, %v; want Queue(4) (none of the values), false", s, got, ok)
		}
		if got := workermetrics.QueueOf(s); got != workermetrics.QueueOther {
			t.Errorf("QueueOf(%q) = %v, want other", s, got)
		}
	}
	if got, ok := workermetrics.ParseOutcome("done"); got != workermetrics.OutcomeDone || !ok {
		t.Errorf(`ParseOutcome("done") = %v, %v`, got, ok)
	}
	noAllocs(t, "ParseQueue", func() { workermetrics.ParseQueue("push") })
	noAllocs(t, "QueueOf of an unknown string", func() { workermetrics.QueueOf("fax") })
}

func TestAPI(t *testing.T) {
	m, reg := newMetrics(t, workermetrics.New, workermetrics.MustNew)

	// init: none, and gauges by default: nothing before a value is recorded; metrics read at
	// scrape time: nothing before a function is registered.
	for _, name := range []string{"worker_jobs_rejected_total", "worker_busy", "worker_job_duration_seconds",
		"worker_db_connections", "worker_goroutines", "worker_fetches_total"} {
		absent(t, reg, name)
	}
	// init: all: every combination at 0 from the first scrape, a gauge too when it asks for it.
	if n := testutil.CollectAndCount(m, "worker_jobs_total"); n != 4*3 {
		t.Errorf("worker_jobs_total: %d series, want 4*3", n)
	}
	if n := testutil.CollectAndCount(m, "worker_queue_jobs"); n != 4 {
		t.Errorf("worker_queue_jobs: %d series, want 4", n)
	}

	// A value out of queue's range is recorded as other, which the label declares: from a
	// conversion, or from an unchecked ParseQueue.
	m.JobsTotal.Inc(workermetrics.QueueSMS, workermetrics.OutcomeDone)
	m.JobsTotal.Inc(workermetrics.Queue(9), workermetrics.OutcomeDone)
	unknown, _ := workermetrics.ParseQueue("fax")
	m.JobsTotal.Add(2, unknown, workermetrics.OutcomeFailed)
	m.JobsTotal.Inc(workermetrics.QueueOf("pager"), workermetrics.OutcomeFailed)
	m.JobsRejectedTotal.Inc(workermetrics.Queue(200))
	// outcome declares no other: its out-of-range values panic, naming the label.
	mustPanic(t, "label outcome: an Outcome that is none of the constants is not one of its 3 values", func() {
		m.JobsTotal.Inc(workermetrics.QueueSMS, workermetrics.Outcome(3))
	})
	mustPanic(t, "counter worker_jobs_total: Add(-1): a counter cannot decrease", func() {
		m.JobsTotal.Add(-1, workermetrics.QueueSMS, workermetrics.OutcomeDone)
	})
	mustPanic(t, "counter worker_jobs_rejected_total: Add(-0.5)", func() { m.JobsRejectedTotal.Add(-0.5, workermetrics.QueueSMS) })

	m.QueueJobs.Set(12, workermetrics.QueueEmail)
	m.Busy.Set(1)
	m.BatchJobs.Observe(7)
	m.JobDurationSeconds.Observe(0.5, workermetrics.QueuePush)

	// Read at scrape time: the database pools (sql.DBStats), goroutines, fetches.
	primary := openDB(t)
	primary.SetMaxOpenConns(1)
	observeDBStats(m, workermetrics.PoolPrimary, primary)
	m.Goroutines.Observe(func() float64 { return 42 }) // runtime.NumGoroutine(), pinned for the comparison
	var fetches atomic.Int64
	m.FetchesTotal.Observe(func() float64 { return float64(fetches.Load()) })
	fetches.Add(3)

	// One connection in use; a second request waits for it, then takes it.
	ctx := context.Background()
	held, err := primary.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan *sql.Conn)
	go func() {
		c, err := primary.Conn(ctx)
		if err != nil {
			t.Error(err)
		}
		got <- c
	}()
	for primary.Stats().WaitCount == 0 {
		time.Sleep(time.Millisecond)
	}
	held.Close()
	(<-got).Close()

	check(t, reg, m, `
# HELP worker_batch_jobs Jobs fetched in one batch
# TYPE worker_batch_jobs histogram
worker_batch_jobs_bucket{le="1"} 0
worker_batch_jobs_bucket{le="5"} 0
worker_batch_jobs_bucket{le="10"} 1
worker_batch_jobs_bucket{le="50"} 1
worker_batch_jobs_bucket{le="+Inf"} 1
worker_batch_jobs_sum 7
worker_batch_jobs_count 1
# HELP worker_busy 1 while the worker runs a job
# TYPE worker_busy gauge
worker_busy 1
# HELP worker_db_connections Connections of the database pool, by state
# TYPE worker_db_connections gauge
worker_db_connections{pool="primary",state="idle"} 1
worker_db_connections{pool="primary",state="in_use"} 0
# HELP worker_db_max_open_connections Most connections the pool may open
# TYPE worker_db_max_open_connections gauge
worker_db_max_open_connections{pool="primary"} 1
# HELP worker_db_waits_total Connections waited for
# TYPE worker_db_waits_total counter
worker_db_waits_total{pool="primary"} 1
# HELP worker_fetches_total Batches fetched from the broker
# TYPE worker_fetches_total counter
worker_fetches_total 3
# HELP worker_goroutines Goroutines of the worker
# TYPE worker_goroutines gauge
worker_goroutines 42
# HELP worker_job_duration_seconds Time to run a job
# TYPE worker_job_duration_seconds histogram
worker_job_duration_seconds_bucket{queue="push",le="0.1"} 0
worker_job_duration_seconds_bucket{queue="push",le="1"} 1
worker_job_duration_seconds_bucket{queue="push",le="10"} 1
worker_job_duration_seconds_bucket{queue="push",le="+Inf"} 1
worker_job_duration_seconds_sum{queue="push"} 0.5
worker_job_duration_seconds_count{queue="push"} 1
# HELP worker_jobs_rejected_total Jobs rejected before they ran
# TYPE worker_jobs_rejected_total counter
worker_jobs_rejected_total{queue="other"} 1
# HELP worker_jobs_total Jobs run
# TYPE worker_jobs_total counter
worker_jobs_total{outcome="done",queue="email"} 0
worker_jobs_total{outcome="done",queue="other"} 1
worker_jobs_total{outcome="done",queue="push"} 0
worker_jobs_total{outcome="done",queue="sms"} 1
worker_jobs_total{outcome="failed",queue="email"} 0
worker_jobs_total{outcome="failed",queue="other"} 3
worker_jobs_total{outcome="failed",queue="push"} 0
worker_jobs_total{outcome="failed",queue="sms"} 0
worker_jobs_total{outcome="retried",queue="email"} 0
worker_jobs_total{outcome="retried",queue="other"} 0
worker_jobs_total{outcome="retried",queue="push"} 0
worker_jobs_total{outcome="retried",queue="sms"} 0
# HELP worker_queue_jobs Jobs waiting in each queue
# TYPE worker_queue_jobs gauge
worker_queue_jobs{queue="email"} 12
worker_queue_jobs{queue="other"} 0
worker_queue_jobs{queue="push"} 0
worker_queue_jobs{queue="sms"} 0
`+waitDuration(t, primary))

	// Functions are read at each scrape, replaced by a later Observe, and removed by nil.
	fetches.Add(2)
	if got := sample(t, reg, "worker_fetches_total").GetCounter().GetValue(); got != 5 {
		t.Errorf("fetches after 2 more: %v, want 5", got)
	}
	m.Goroutines.Observe(func() float64 { return float64(runtime.NumGoroutine()) })
	if got := sample(t, reg, "worker_goroutines").GetGauge().GetValue(); got < 1 {
		t.Errorf("goroutines: %v", got)
	}
	m.DBMaxOpenConnections.Observe(nil, workermetrics.PoolPrimary)
	absent(t, reg, "worker_db_max_open_connections")
	// Registering for a pool that is none of the constants panics, naming the value.
	mustPanic(t, "label pool: Pool(7) is not one of its 2 values", func() {
		m.DBMaxOpenConnections.Observe(func() float64 { return 1 }, workermetrics.Pool(7))
	})

	// A histogram of counts has no timer; one in seconds has.
	if _, ok := reflect.TypeOf(m.BatchJobs).MethodByName("Start"); ok {
		t.Error("BatchJobs, a histogram of jobs, has Start")
	}
	if _, ok := reflect.TypeOf(m.JobDurationSeconds).MethodByName("Start"); !ok {
		t.Error("JobDurationSeconds has no Start")
	}

	noAllocs(t, "Inc of a lazy series made", func() { m.JobsRejectedTotal.Inc(workermetrics.QueueSMS) })
	noAllocs(t, "Set of a lazy gauge", func() { m.Busy.Set(0) })
	noAllocs(t, "Inc of an out-of-range value recorded as other", func() { m.JobsTotal.Inc(workermetrics.Queue(77), workermetrics.OutcomeDone) })
}

// waitDuration is the exposition of the pool's wait time, measured: the one value the test
// cannot know in advance.
func waitDuration(t *testing.T, db *sql.DB) string {
	t.Helper()
	d := db.Stats().WaitDuration
	if d <= 0 {
		t.Errorf("wait duration %v after a wait", d)
	}
	return "# HELP worker_db_wait_duration_seconds_total Time spent waiting for a connection\n" +
		"# TYPE worker_db_wait_duration_seconds_total counter\n" +
		"worker_db_wait_duration_seconds_total{pool=\"primary\"} " + strconv.FormatFloat(d.Seconds(), 'g', -1, 64) + "\n"
}

// openDB opens a database/sql pool over a driver that connects and does nothing else: enough
// for the pool's statistics.
func openDB(t *testing.T) *sql.DB {
	db := sql.OpenDB(connector{})
	t.Cleanup(func() { db.Close() })
	return db
}

type connector struct{}

func (connector) Connect(context.Context) (driver.Conn, error) { return conn{}, nil }
func (connector) Driver() driver.Driver                        { return nil }

type conn struct{}

var errNothing = errors.New("this driver connects and does nothing else")

func (conn) Prepare(string) (driver.Stmt, error) { return nil, errNothing }
func (conn) Close() error                        { return nil }
func (conn) Begin() (driver.Tx, error)           { return nil, errNothing }
