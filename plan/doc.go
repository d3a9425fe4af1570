// Package plan compares a desired account with the current one and says
// what must change: per entity (create, update, replace, delete, with
// exactly the attributes and documents that change) and as the ordered IAM
// calls that make the change, each with the steps it waits for, so that
// apply can run independent calls at once and the list itself is a valid
// order to run them one at a time.
//
// Compute is pure: no I/O, no HCL. It follows DESIGN.md section 4: only
// entities inside the manage scope are touched, AWS-reserved ones never;
// memberships, attachments, inline policies, tags, boundaries, login
// profiles and the password policy change with their own minimal calls;
// what IAM cannot change in place (a role's path, a managed policy's path
// or description, the case of a role's or policy's name) is replaced, with
// the detach and re-attach calls that needs; deletes carry every cleanup
// IAM requires, in reverse dependency order.
//
// Package lang produces the desired account, a provider the current one;
// package apply runs a plan's steps and package plan/render prints it. The
// package imports model, op and policy, and neither lang nor provider.
package plan
