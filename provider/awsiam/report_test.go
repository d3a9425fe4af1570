package awsiam

import (
	"strings"
	"testing"
	"time"

	"github.com/iamc/iamc/model"
)

// reportHeader is the credential report's header as AWS writes it.
const reportHeader = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated"

func TestParseCredentialReport(t *testing.T) {
	data := reportHeader + "\n" +
		"<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,2024-01-01T00:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n" +
		"Tyler,arn:aws:iam::123456789012:user/staff/Tyler,2023-05-06T07:08:09+00:00,true,N/A,2023-05-06T07:08:09+00:00,N/A,TRUE,true,2023-05-06T07:08:09+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n" +
		"bot,arn:aws:iam::123456789012:user/bot,2023-05-06T07:08:09+00:00,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"
	rows, err := parseCredentialReport([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("rows = %v, want two users and no root", rows)
	}
	ty := rows["tyler"]
	if !ty.Password || !ty.MFA || ty.ARN != "arn:aws:iam::123456789012:user/staff/Tyler" || !ty.Created.Equal(time.Date(2023, 5, 6, 7, 8, 9, 0, time.UTC)) {
		t.Errorf("tyler = %+v", ty)
	}
	if b := rows["bot"]; b.Password || b.MFA {
		t.Errorf("bot = %+v", b)
	}

	// Columns are found by name: a reordered or extended report reads the same.
	reordered := "mfa_active,user,extra,password_enabled,arn\nfalse,ann,x,true,arn:aws:iam::123456789012:user/ann\n"
	rows, err = parseCredentialReport([]byte(reordered))
	if err != nil || !rows["ann"].Password || rows["ann"].MFA {
		t.Errorf("reordered: %v %+v", err, rows)
	}
}

func TestParseCredentialReportErrors(t *testing.T) {
	for _, tt := range []struct{ name, data, want string }{
		{"empty", "", "empty"},
		{"no password column", "user,arn,mfa_active\n", `no "password_enabled" column`},
		{"bad quoting", "user,arn,password_enabled,mfa_active\n\"a,b,true,false\n", "line"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseCredentialReport([]byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestReportCovers(t *testing.T) {
	gen := time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)
	rep := &credReport{Generated: gen, Rows: map[string]reportRow{
		"tyler": {ARN: "arn:aws:iam::123456789012:user/tyler", Password: true},
	}}
	u := &model.User{Name: "Tyler", ARN: "arn:aws:iam::123456789012:user/tyler"}
	if _, ok := rep.covers(u, gen.Add(-time.Hour)); !ok {
		t.Error("a user created before the report is not covered")
	}
	if _, ok := rep.covers(u, gen.Add(time.Minute)); ok {
		t.Error("a user created after the report is covered")
	}
	other := &model.User{Name: "tyler", ARN: "arn:aws:iam::123456789012:user/x/tyler"}
	if _, ok := rep.covers(other, time.Time{}); ok {
		t.Error("a user with another ARN (deleted and created again) is covered")
	}
	if _, ok := rep.covers(&model.User{Name: "nobody"}, time.Time{}); ok {
		t.Error("a user missing from the report is covered")
	}
	var none *credReport
	if _, ok := none.covers(u, time.Time{}); ok {
		t.Error("no report covers a user")
	}
}

func FuzzParseCredentialReport(f *testing.F) {
	f.Add([]byte(reportHeader + "\nTyler,arn:aws:iam::123456789012:user/Tyler,2023-05-06T07:08:09+00:00,true,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"))
	f.Add([]byte("user,arn,password_enabled,mfa_active\n\"a\"\"b\",x,true\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := parseCredentialReport(data)
		if err != nil {
			return
		}
		for k := range rows {
			if k != model.Fold(k) {
				t.Errorf("row key %q is not folded", k)
			}
			if k == "<root_account>" {
				t.Error("the root account's row was kept")
			}
		}
	})
}
