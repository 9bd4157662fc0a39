package wire

import (
	"fmt"
	"strconv"
)

// Error is an error answer in Twilio's shape: code, message, more_info,
// status, and details where there is more to say (validation problems, the
// conflicting execution).
type Error struct {
	Code     int            `json:"code"`
	Message  string         `json:"message"`
	MoreInfo string         `json:"more_info"`
	Status   int            `json:"status"`
	Details  map[string]any `json:"details,omitempty"`
}

// NewError returns the error of HTTP status with Twilio's code and a
// message; more_info is the code's page on twilio.com.
func NewError(status, code int, format string, args ...any) *Error {
	return &Error{
		Status: status, Code: code, Message: fmt.Sprintf(format, args...),
		MoreInfo: "https://www.twilio.com/docs/errors/" + strconv.Itoa(code),
	}
}

func (e *Error) Error() string {
	return fmt.Sprintf("HTTP %d, Twilio error %d: %s", e.Status, e.Code, e.Message)
}
