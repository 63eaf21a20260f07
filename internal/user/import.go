package user

import (
	"time"

	"github.com/google/uuid"

	"lamtheobac/internal/access"
	"lamtheobac/internal/apperr"
	"lamtheobac/internal/audit"
	"lamtheobac/internal/org"
)

// Imported is a user read from an import file, with the role to give at its unit, if any.
type Imported struct {
	User     User
	Password string      // "" when the file gives none: the account waits for a manager to set one
	Role     *Assignment // nil when the file names no role
}

// PrepareImport checks that the principal may create the user at unit, and grant role there
// when one is named, and builds the records: the rules of Create and Grant, for a file. A user
// without a password cannot log in until a manager sets one.
func PrepareImport(p *access.Principal, unit org.Unit, in NewUser, role access.Role, now time.Time) (Imported, error) {
	noPassword := in.Password == ""
	if noPassword {
		in.Password = "placeholder-for-validation" // the other fields are still checked
	}
	if err := in.Normalize(); err != nil {
		return Imported{}, err
	}
	if noPassword {
		in.Password = ""
	}
	if err := p.Authorize(access.ManageUsers, unit.Path); err != nil {
		return Imported{}, err
	}
	if unit.Archived {
		return Imported{}, apperr.New(apperr.Conflict, "unit_archived", "The unit is archived.")
	}
	u := User{ID: uuid.Must(uuid.NewV7()), Username: in.Username, FullName: in.FullName, Email: in.Email,
		UnitID: &unit.ID, UnitPath: unit.Path, Version: 1, CreatedAt: now, UpdatedAt: now, Roles: []Assignment{}}
	out := Imported{User: u, Password: in.Password}
	if role == "" {
		return out, nil
	}
	if role == access.Portal || role == access.Admin {
		return Imported{}, apperr.Fields("role_not_importable", "Imports grant roles held at a unit, to users.",
			apperr.FieldError{Field: "/role", Message: "must be a role held at a unit (not admin or portal)"})
	}
	a := Assignment{ID: uuid.Must(uuid.NewV7()), Role: role, CreatedAt: now}
	if p != nil && p.ID != uuid.Nil {
		id := p.ID
		a.GrantedBy = &id
	}
	if err := grantAt(p, &a, unit); err != nil {
		return Imported{}, err
	}
	out.Role = &a
	out.User.Roles = []Assignment{a}
	return out, nil
}

// ImportEvent is the audit event of a user written by an import.
func ImportEvent(im Imported) audit.Event {
	e := userEvent("user.import", im.User, nil, im.User)
	if im.Role != nil {
		e.After = map[string]any{"user": userSnapshot(im.User), "role": im.Role.Role, "unit_id": im.Role.Unit.ID}
	}
	return e
}
