package main

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/alexedwards/argon2id"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/labstack/echo/v4"
)

// handlers answer each scenario with its SQL and a JSON encoding of the rows, nothing more.
type handlers struct{ db *pgxpool.Pool }

// maxPublic is the service's bound on public lists.
const maxPublic = 500

// feedTag is the baseline's fixed ETag: its 304 is answered from memory, as the service's is.
const feedTag = `"baseline-feed"`

// rows runs q and returns its rows as maps (the shape does not matter; the work does).
func (h *handlers) rows(ctx context.Context, q string, args ...any) ([]map[string]any, error) {
	rs, err := h.db.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rs, pgx.RowToMap)
}

func (h *handlers) model(c echo.Context) error {
	ctx, id := c.Request().Context(), c.Param("id")
	m, err := h.rows(ctx, qModel, id)
	if err != nil {
		return err
	}
	if len(m) == 0 {
		return c.NoContent(http.StatusNotFound)
	}
	return c.JSON(http.StatusOK, m[0])
}

// one answers a record by id with the service's statement for it (a nomination, a standard, a
// submitted report: one statement each).
func (h *handlers) one(q string) echo.HandlerFunc {
	return func(c echo.Context) error {
		rows, err := h.rows(c.Request().Context(), q, c.Param("id"))
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			return c.NoContent(http.StatusNotFound)
		}
		return c.JSON(http.StatusOK, rows[0])
	}
}

func (h *handlers) models(c echo.Context) error {
	ctx := c.Request().Context()
	unit, err := h.rows(ctx, qUnit, c.Param("id"))
	if err != nil {
		return err
	}
	if len(unit) == 0 {
		return c.NoContent(http.StatusNotFound)
	}
	limit, _ := strconv.Atoi(c.QueryParam("limit"))
	prefix := unit[0]["path"].(string) + "%"
	var items []map[string]any
	if q := c.QueryParam("q"); q != "" {
		// The scenario searches a whole bloc, which the service reads by bloc_id.
		p, bloc := "%"+q+"%", unit[0]["bloc_id"]
		if items, err = h.rows(ctx, qModelsSearchNames, bloc, p, limit+1); err == nil && len(items) <= limit {
			var more []map[string]any
			more, err = h.rows(ctx, qModelsSearchContents, bloc, p, q+":*", "("+q+":*)", p, limit+1-len(items))
			items = append(items, more...)
		}
	} else {
		year, _ := strconv.Atoi(c.QueryParam("year"))
		items, err = h.rows(ctx, qModelsByYear, prefix, year, limit+1)
	}
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"items": items[:min(limit, len(items))]})
}

func (h *handlers) roundStatus(c echo.Context) error {
	ctx, id := c.Request().Context(), c.Param("id")
	round, err := h.rows(ctx, qRound, id)
	if err != nil {
		return err
	}
	if len(round) == 0 {
		return c.NoContent(http.StatusNotFound)
	}
	dueOn, _ := round[0]["due_on"].(time.Time)
	counts, err := h.rows(ctx, qRoundStateCounts, dueOn.Add(24*time.Hour-7*time.Hour), id) // the end of the due day in Hà Nội
	if err != nil {
		return err
	}
	reports, err := h.rows(ctx, qRoundReportsPage, id, 51) // the service's default page and one more
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"round": round[0], "counts": counts, "rows": reports[:min(50, len(reports))]})
}

func (h *handlers) consolidated(c echo.Context) error {
	ctx := c.Request().Context()
	r, err := h.rows(ctx, qReport, c.Param("id"))
	if err != nil {
		return err
	}
	if len(r) == 0 {
		return c.NoContent(http.StatusNotFound)
	}
	children, err := h.rows(ctx, qChildReports, r[0]["round_id"], r[0]["unit_id"])
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"report": r[0], "children": children})
}

func (h *handlers) feed(c echo.Context) error {
	if strings.Contains(c.Request().Header.Get("If-None-Match"), feedTag) {
		return c.NoContent(http.StatusNotModified)
	}
	ctx := c.Request().Context()
	out := map[string]any{}
	for name, q := range map[string]string{"exemplars": qPublicExemplars, "models": qPublicModels, "standards": qPublicStandards} {
		rows, err := h.rows(ctx, q, maxPublic)
		if err != nil {
			return err
		}
		out[name] = rows
	}
	c.Response().Header().Set("ETag", feedTag)
	return c.JSON(http.StatusOK, out)
}

func (h *handlers) login(c echo.Context) error {
	var in struct{ Username, Password string }
	if err := c.Bind(&in); err != nil {
		return err
	}
	var hash string
	err := h.db.QueryRow(c.Request().Context(), `SELECT password_hash FROM (`+qUser+`) u`, in.Username).Scan(&hash)
	if err != nil {
		return c.NoContent(http.StatusUnauthorized)
	}
	ok, err := argon2id.ComparePasswordAndHash(in.Password, hash)
	if err != nil || !ok {
		return c.NoContent(http.StatusUnauthorized)
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}
