// Package accounts runs one piece of work per account directory: it
// orders the directories by path, selects a CI matrix job's shard of
// them, and runs the work with bounded concurrency, handing each result
// back in the directories' order as soon as it and those before it are
// done. It knows nothing of configurations, plans or providers: the CLI
// gives it the work (compile, plan or apply one account). It imports
// nothing of iamc.
package accounts
