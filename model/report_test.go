package model

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestCredentialReportRoundTrip(t *testing.T) {
	day := time.Date(2024, 3, 4, 5, 6, 7, 0, time.UTC)
	rep := &CredentialReport{
		Root: CredentialRow{User: RootReportUser, ARN: RootARN("123456789012"), Created: day, MFAActive: true,
			Keys: [2]ReportKey{{Active: true}}},
		Users: []CredentialRow{
			{User: "tyler", ARN: "arn:aws:iam::123456789012:user/tyler", Created: day, PasswordEnabled: true,
				PasswordLastChanged: day, MFAActive: true,
				Keys: [2]ReportKey{{Active: true, LastRotated: day, LastUsed: day.Add(time.Hour), LastUsedRegion: "us-east-1", LastUsedService: "iam"},
					{LastRotated: day}},
				Certs: [2]ReportCert{{Active: true, LastRotated: day}}},
			{User: "bot", ARN: "arn:aws:iam::123456789012:user/bot", Created: day},
		},
	}
	csv := string(rep.CSV())
	for _, want := range []string{
		"<root_account>,arn:aws:iam::123456789012:root,2024-03-04T05:06:07+00:00,not_supported,no_information,not_supported,not_supported,true,true,N/A,N/A,N/A,N/A,false,N/A",
		"tyler,arn:aws:iam::123456789012:user/tyler,2024-03-04T05:06:07+00:00,true,no_information,2024-03-04T05:06:07+00:00,N/A,true,true,2024-03-04T05:06:07+00:00,2024-03-04T06:06:07+00:00,us-east-1,iam,false,2024-03-04T05:06:07+00:00,N/A,N/A,N/A,true,",
		"bot,arn:aws:iam::123456789012:user/bot,2024-03-04T05:06:07+00:00,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
	} {
		if !strings.Contains(csv, want) {
			t.Errorf("CSV lacks\n%s\nin\n%s", want, csv)
		}
	}
	got, err := ParseCredentialReport([]byte(csv), day)
	if err != nil {
		t.Fatal(err)
	}
	rep.Generated = day
	if !reflect.DeepEqual(got, rep) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, rep)
	}
}
