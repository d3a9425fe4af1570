// Package apply runs a plan's steps against a provider: in dependency
// order, up to a bounded number at once, stopping cleanly on the first
// failure or on interruption, and reporting exactly which steps were done,
// which failed and which were not run, so that re-running converges.
//
// It also generates the initial passwords of login profiles (meeting the
// password policy) and hands them to a credentials sink, never to a log.
// Retries that depend on AWS's behaviour live in provider/awsiam, behind
// the provider interface. Imported by internal/cli; imports plan, provider,
// op and model.
package apply
