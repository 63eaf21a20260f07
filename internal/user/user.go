// Package user manages the people and machines that use the service: users with a home unit,
// the roles they hold at units, and service clients. Logging in and tokens are internal/auth's.
package user

import (
	"net/mail"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/org"
	"lamtheobac/internal/textnorm"
)

// User is a person with a home unit (where they are managed) and role assignments.
type User struct {
	ID        uuid.UUID
	Username  string
	FullName  string
	Email     *string
	UnitID    *uuid.UUID // nil only for administrators created from the command line
	UnitPath  string
	Disabled  bool
	Version   int64
	CreatedAt time.Time
	UpdatedAt time.Time
	Roles     []Assignment
}

// Assignment is a role held at a unit, as stored.
type Assignment struct {
	ID        uuid.UUID
	Role      access.Role
	Unit      *org.Ref // nil for admin
	UnitPath  string   // the unit's path, for access checks
	GrantedBy *uuid.UUID
	CreatedAt time.Time
}

// NewUser is the input for creating a user.
type NewUser struct {
	Username string
	FullName string
	Password string
	Email    *string
	UnitID   uuid.UUID
}

// NewAdmin is the input for the first administrator, created from the command line before
// any unit exists.
type NewAdmin struct {
	Username string
	FullName string
	Password string
}

// Patch is a partial update of a user; nil fields stay as they are.
type Patch struct {
	FullName        *string
	Email           *string
	Password        *string
	CurrentPassword *string // required when users change their own password
	Disabled        *bool
}

// Normalize cleans and validates the input.
func (n *NewUser) Normalize() error {
	n.Username, n.FullName = textnorm.Clean(n.Username), textnorm.Clean(n.FullName)
	textnorm.CleanPtr(n.Email)
	var c apperr.Checker
	c.Check(textnorm.IsIdentifier(n.Username, "._-", 3, 64), "/username", "must be 3–64 letters, digits, '.', '_' or '-'")
	checkFullName(&c, n.FullName)
	checkPassword(&c, n.Password)
	checkEmail(&c, n.Email)
	return c.Err()
}

// Normalize cleans and validates the patch.
func (p *Patch) Normalize() error {
	textnorm.CleanPtr(p.FullName)
	textnorm.CleanPtr(p.Email)
	var c apperr.Checker
	if p.FullName != nil {
		checkFullName(&c, *p.FullName)
	}
	if p.Password != nil {
		checkPassword(&c, *p.Password)
	}
	checkEmail(&c, p.Email)
	return c.Err()
}

func checkFullName(c *apperr.Checker, s string) {
	c.Check(s != "" && utf8.RuneCountInString(s) <= 255, "/full_name", "must be 1–255 characters")
}

func checkPassword(c *apperr.Checker, s string) {
	n := utf8.RuneCountInString(s)
	c.Check(n >= 8 && n <= 200, "/password", "must be 8–200 characters")
}

func checkEmail(c *apperr.Checker, s *string) {
	if s == nil {
		return
	}
	_, err := mail.ParseAddress(*s)
	c.Check(err == nil && len(*s) <= 255, "/email", "must be an e-mail address")
}

// roleUnitKinds are the unit kinds a role may be held at (nil = any unit). The officer roles are
// named by the level they lead and held at every kind of that level, rather than one role per
// kind: what a role may do depends only on where it is held (access is path-based), so a
// committee officer at a partial committee reviews its cells exactly as one at a committee
// reviews its own. A province is led like a bloc; a base cell is both a committee and a cell.
func roleUnitKinds(r access.Role) []org.Kind {
	switch r {
	case access.BlocOfficer:
		return []org.Kind{org.Province, org.Bloc}
	case access.CommitteeOfficer:
		return []org.Kind{org.Committee, org.PartialCommittee, org.BaseCell}
	case access.CellSecretary:
		return []org.Kind{org.Cell, org.BaseCell}
	}
	return nil
}

// kindList is "a or b or c", for messages.
func kindList(kinds []org.Kind) string {
	out := ""
	for i, k := range kinds {
		if i > 0 {
			out += " or "
		}
		out += string(k)
	}
	return out
}
