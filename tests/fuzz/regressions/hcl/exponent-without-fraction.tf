locals {
  a = 1e9
  b = 2
  c = 3E-2
}
