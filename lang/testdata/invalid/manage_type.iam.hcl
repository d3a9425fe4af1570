iamc {
  manage = "/" # ERROR: Invalid value
}
