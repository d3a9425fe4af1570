package render

import (
	"encoding/json"
	"io"

	"github.com/iamc/iamc/plan"
)

// JSON writes the plan as a plan file holds it: format_version, the
// changes with their documents before and after, the steps with their op
// and the command each stands for, indented by two spaces. The same plan
// always gives the same bytes.
func JSON(w io.Writer, p *plan.Plan) error {
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	data = append(data, '\n')
	_, err = w.Write(data)
	return err
}
