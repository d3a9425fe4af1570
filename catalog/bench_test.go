package catalog

import (
	"sync"
	"testing"
)

// resetActions forgets every decoded service, so that the next lookup
// pays for the first load again.
func resetActions() { actionTable = sync.OnceValue(loadActionTable) }

func resetManaged() { managedTable = sync.OnceValue(loadManagedTable) }

func BenchmarkFirstLookupAction(b *testing.B) {
	for _, name := range []string{"s3:GetObject", "ec2:DescribeInstances"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				resetActions()
				if _, ok := LookupAction(name); !ok {
					b.Fatal("not found")
				}
			}
		})
	}
	resetActions()
}

func BenchmarkDecodeAllServices(b *testing.B) {
	for b.Loop() {
		resetActions()
		t := actionTable()
		for i := range t.services {
			t.load(&t.services[i])
		}
	}
	resetActions()
}

func BenchmarkLookupAction(b *testing.B) {
	LookupAction("s3:GetObject")
	for _, name := range []string{"s3:GetObject", "S3:GETOBJECT", "ec2:DescribeInstances", "s3:NoSuchAction"} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				LookupAction(name)
			}
		})
	}
}

func BenchmarkMatchActions(b *testing.B) {
	for _, p := range []string{"s3:Get*", "iam:*User", "*"} {
		MatchActions(p)
		b.Run(p, func(b *testing.B) {
			for b.Loop() {
				MatchActions(p)
			}
		})
	}
}

func BenchmarkMatchesAnyAction(b *testing.B) {
	for _, p := range []string{"*", "s3:Get*", "s3:Nothing*"} {
		MatchesAnyAction(p)
		b.Run(p, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				MatchesAnyAction(p)
			}
		})
	}
}

func BenchmarkSuggestAction(b *testing.B) {
	for _, name := range []string{"s3:GetObjects", "ec2:DescribeInstance", "s4:GetObject", "iam:AssumeRole"} {
		SuggestAction(name)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				SuggestAction(name)
			}
		})
	}
}

func BenchmarkSuggestService(b *testing.B) {
	SuggestService("s4")
	for b.Loop() {
		SuggestService("lamda")
	}
}

func BenchmarkIsLegacyAction(b *testing.B) {
	IsLegacyAction("x")
	for b.Loop() {
		IsLegacyAction("s3:GetObject")
	}
}

func BenchmarkFirstManagedPolicyARN(b *testing.B) {
	for b.Loop() {
		resetManaged()
		if _, ok := ManagedPolicyARN("ReadOnlyAccess"); !ok {
			b.Fatal("not found")
		}
	}
	resetManaged()
}

func BenchmarkFirstManagedPolicyByName(b *testing.B) {
	for b.Loop() {
		resetManaged()
		if _, ok := ManagedPolicyByName("ReadOnlyAccess"); !ok {
			b.Fatal("not found")
		}
	}
	resetManaged()
}

func BenchmarkManagedPolicy(b *testing.B) {
	ManagedPolicyByName("ReadOnlyAccess")
	b.Run("ARN", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ManagedPolicyARN("ReadOnlyAccess")
		}
	})
	b.Run("ByName", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ManagedPolicyByName("ReadOnlyAccess")
		}
	})
	b.Run("ByARN", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ManagedPolicyByARN("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")
		}
	})
}

func BenchmarkAllManagedDocuments(b *testing.B) {
	for b.Loop() {
		resetManaged()
		for _, n := range ManagedPolicyNames() {
			ManagedPolicyByName(n)
		}
	}
	resetManaged()
}

func BenchmarkSuggestManagedPolicy(b *testing.B) {
	SuggestManagedPolicy("x")
	for b.Loop() {
		SuggestManagedPolicy("ReadOnlyAcess")
	}
}
