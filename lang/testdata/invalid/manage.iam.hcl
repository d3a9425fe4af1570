iamc {
  manage = [] # ERROR: Empty manage
}
