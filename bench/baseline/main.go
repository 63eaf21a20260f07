// Command baseline is the load benchmark's yardstick: a minimal Echo + pgx server with one
// handler per scenario that runs the same SQL the service runs for it (queries.go), with no
// authentication, validation, authorization, audit, logging or metrics. What it reaches is what
// the hardware and Postgres allow; bench/loadbench reports the service as a share of it.
//
// Environment: DATABASE_URL (required), ADDR (default 127.0.0.1:8181).
package main

import (
	"context"
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg, err := pgxpool.ParseConfig(os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	cfg.MaxConns = 20 // the service's pool size (store.Open)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()
	addr := os.Getenv("ADDR")
	if addr == "" {
		addr = "127.0.0.1:8181"
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	h := &handlers{db: pool}
	e.GET("/healthz", func(c echo.Context) error { return c.NoContent(http.StatusOK) })
	e.GET("/models/:id", h.model)
	e.GET("/nominations/:id", h.one(qNomination))
	e.GET("/standards/:id", h.one(qStandard))
	e.GET("/reports/:id", h.one(qReport))
	e.GET("/units/:id/models", h.models)
	e.GET("/rounds/:id/status", h.roundStatus)
	e.GET("/reports/:id/consolidated", h.consolidated)
	e.GET("/feed.atom", h.feed)
	e.POST("/login", h.login)
	srv := &http.Server{Addr: addr, Handler: e}
	go func() {
		<-ctx.Done()
		_ = srv.Shutdown(context.Background())
	}()
	if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		log.Fatal(err)
	}
}
