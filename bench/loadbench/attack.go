package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"lamtheobac/bench/scenario"
)

// scenarios are the request loops of a run. The bulk import (100,000 model rows against COPY)
// is not a request loop: it will run after them, from imports.go, and add its own row.
func scenarios(ids scenario.IDs) []scenario.Scenario { return scenario.All(ids) }

// side is what one attack measured.
type side struct {
	rps, p50, p99 float64 // requests/s; latencies in ms
	requests      uint64
	errors        uint64 // answers with another status than the scenario's, and transport errors
	firstError    string
}

// row is one scenario's line of the table.
type row struct {
	sc        scenario.Scenario
	ours, bas side
	rssKB     int64 // highest service RSS sampled during the scenario (both sides, warm-up included)
	// fixedRate is the open-loop rate (requests/s) both sides were driven at after the
	// saturated runs, and oursFixed/basFixed what that measured (zero when not run).
	fixedRate           float64
	oursFixed, basFixed side
	dbXacts             int64 // database transactions during our side (-1 when not measured)
	idleXacts           int64 // database transactions in an idle window as long: the service's background work
}

// clientAddrs hands every login its own address (10.x.y.z), for the per-address throttle.
var clientAddrs atomic.Uint32

func nextAddr() string {
	n := clientAddrs.Add(1)
	return fmt.Sprintf("10.%d.%d.%d", byte(n>>16), byte(n>>8), byte(n))
}

// measure runs sc against the service and then the baseline, each after a warm-up.
func measure(ctx context.Context, cfg config, db *database, sc scenario.Scenario, ids scenario.IDs, svc, base *process) (row, error) {
	logf("%s", sc.Name)
	r := row{sc: sc, dbXacts: -1}
	svc.takeWindow()
	want := sc.Target.Status
	if want == 0 {
		want = http.StatusOK
	}
	header := http.Header{}
	for k, v := range sc.Header {
		header.Set(k, v)
	}
	if sc.User != "" {
		tok, err := login(svc.base, sc.User, ids.Password)
		if err != nil {
			return r, err
		}
		header.Set("Authorization", "Bearer "+tok)
	}
	ours, err := targeter(svc.base+sc.Path, sc, ids, header)
	if err != nil {
		return r, err
	}
	if sc.Target.NoDB {
		// First the same window with the service idle: its background work (import workers
		// looking for jobs, sweeps) is not the requests' doing.
		x0, err := db.xacts(ctx)
		if err != nil {
			return r, err
		}
		time.Sleep(cfg.duration) // the run's window is the attack and the wait before the second read
		x1, err := db.xacts(ctx)
		if err != nil {
			return r, err
		}
		r.idleXacts = x1 - x0
	}
	attack(ctx, cfg.workers, cfg.warmup, ours, want)
	if sc.Target.NoDB {
		x, err := db.xacts(ctx)
		if err != nil {
			return r, err
		}
		r.dbXacts = -x
	}
	r.ours = attack(ctx, cfg.workers, cfg.duration, ours, want)
	if sc.Target.NoDB {
		x, err := db.xacts(ctx)
		if err != nil {
			return r, err
		}
		r.dbXacts += x
	}
	var theirs vegeta.Targeter
	if sc.Baseline != "" {
		if theirs, err = targeter(base.base+sc.Baseline, sc, ids, header.Clone()); err != nil {
			return r, err
		}
		attack(ctx, cfg.workers, cfg.warmup, theirs, want)
		r.bas = attack(ctx, cfg.workers, cfg.duration, theirs, want)
	}
	if fixed := cfg.fixedShare * r.ours.rps; fixed >= 1 && sc.Method == http.MethodGet {
		// The same offered load on both sides, below the service's saturation: the latencies a
		// user sees while the service is busy but keeps up.
		r.fixedRate = fixed
		logf("%s at %.0f req/s", sc.Name, fixed)
		r.oursFixed = attackAt(ctx, fixed, cfg.duration, ours, want)
		if theirs != nil {
			r.basFixed = attackAt(ctx, fixed, cfg.duration, theirs, want)
		}
	}
	r.rssKB = svc.takeWindow()
	return r, ctx.Err()
}

// targeter builds the requests of sc against url: the same request every time, with the ETag
// of a first answer for revalidations, or a new account and client address for every login.
func targeter(url string, sc scenario.Scenario, ids scenario.IDs, header http.Header) (vegeta.Targeter, error) {
	if sc.Revalidate {
		req, _ := http.NewRequest(sc.Method, url, nil)
		req.Header = header.Clone()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, err
		}
		resp.Body.Close()
		tag := resp.Header.Get("ETag")
		if tag == "" {
			return nil, fmt.Errorf("no ETag from %s", url)
		}
		header.Set("If-None-Match", tag)
	}
	if !sc.Login {
		return vegeta.NewStaticTargeter(vegeta.Target{Method: sc.Method, URL: url, Body: sc.Body, Header: header}), nil
	}
	if len(ids.LoginUsers) == 0 {
		return nil, fmt.Errorf("no users to log in")
	}
	var n atomic.Uint64
	return func(t *vegeta.Target) error {
		i := n.Add(1)
		body, _ := json.Marshal(map[string]string{"username": ids.LoginUsers[i%uint64(len(ids.LoginUsers))], "password": ids.Password})
		h := header.Clone()
		h.Set("X-Forwarded-For", nextAddr())
		*t = vegeta.Target{Method: sc.Method, URL: url, Body: body, Header: h}
		return nil
	}, nil
}

// attack drives tr for d with a closed loop of workers at the highest rate they reach.
func attack(ctx context.Context, workers int, d time.Duration, tr vegeta.Targeter, want int) side {
	if d <= 0 {
		return side{}
	}
	a := vegeta.NewAttacker(vegeta.Workers(uint64(workers)), vegeta.MaxWorkers(uint64(workers)),
		vegeta.Connections(workers), vegeta.KeepAlive(true), vegeta.Timeout(30*time.Second))
	return collect(ctx, a, a.Attack(tr, vegeta.Rate{Freq: 0}, d, ""), want)
}

// fixedMaxWorkers bounds the workers of an open-loop attack: enough that requests leave on
// schedule while some wait for answers, so that latencies include the queueing a busy server
// causes instead of the load slowing down to it.
const fixedMaxWorkers = 64

// attackAt drives tr for d at rate requests/s (open loop: requests leave on schedule whatever
// the answers' delay).
func attackAt(ctx context.Context, rate float64, d time.Duration, tr vegeta.Targeter, want int) side {
	if d <= 0 || rate <= 0 {
		return side{}
	}
	a := vegeta.NewAttacker(vegeta.Workers(8), vegeta.MaxWorkers(fixedMaxWorkers), vegeta.Connections(fixedMaxWorkers),
		vegeta.KeepAlive(true), vegeta.Timeout(30*time.Second))
	// A rate per minute keeps the fraction of rates below a few hundred per second.
	pace := vegeta.Rate{Freq: int(rate*60 + 0.5), Per: time.Minute}
	return collect(ctx, a, a.Attack(tr, pace, d, ""), want)
}

// collect gathers an attack's results into a side.
func collect(ctx context.Context, a *vegeta.Attacker, results <-chan *vegeta.Result, want int) side {
	var m vegeta.Metrics
	var s side
	for {
		select {
		case <-ctx.Done():
			a.Stop()
		case res, ok := <-results:
			if !ok {
				m.Close()
				s.rps, s.requests = m.Rate, m.Requests
				s.p50 = float64(m.Latencies.P50) / float64(time.Millisecond)
				s.p99 = float64(m.Latencies.P99) / float64(time.Millisecond)
				return s
			}
			m.Add(res)
			if int(res.Code) != want {
				s.errors++
				if s.firstError == "" {
					s.firstError = strconv.Itoa(int(res.Code)) + " " + res.Error + " " + string(bytes.TrimSpace(res.Body[:min(len(res.Body), 200)]))
				}
			}
		}
	}
}

// login gets an access token for username from the service.
func login(base, username, password string) (string, error) {
	body, _ := json.Marshal(map[string]string{"username": username, "password": password})
	req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/auth/login", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Forwarded-For", nextAddr())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var out struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.AccessToken == "" {
		return "", fmt.Errorf("login %s: status %d", username, resp.StatusCode)
	}
	return out.AccessToken, nil
}

// xacts returns the transactions the benchmark database has counted. A backend that reported
// less than a second ago holds its new counts until it has been idle for 10 s
// (PGSTAT_IDLE_INTERVAL), so it waits that long first; its own read adds one.
func (d *database) xacts(ctx context.Context) (int64, error) {
	select {
	case <-ctx.Done():
		return 0, ctx.Err()
	case <-time.After(11 * time.Second):
	}
	var n int64
	err := d.sql.QueryRowContext(ctx, "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()").Scan(&n)
	return n, err
}
