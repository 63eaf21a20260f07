package apperr

// Checker collects field errors so a Validate method can report all of them at once.
type Checker struct {
	fields []FieldError
}

// Check records message for field when ok is false.
func (c *Checker) Check(ok bool, field, message string) {
	if !ok {
		c.fields = append(c.fields, FieldError{Field: field, Message: message})
	}
}

// Err returns an Unprocessable "validation" error with every recorded field, or nil.
func (c *Checker) Err() error {
	if len(c.fields) == 0 {
		return nil
	}
	return Fields("validation", "Some fields are invalid.", c.fields...)
}
