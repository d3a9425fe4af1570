account { # ERROR: Missing account alias
}
