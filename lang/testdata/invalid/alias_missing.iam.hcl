account { # ERROR: Missing required argument
}
