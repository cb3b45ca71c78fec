locals {
  r = range(1000)
}
resource "aws_security_group" "g" {
  dynamic "a" {
    for_each = local.r
    content {
      dynamic "b" {
        for_each = local.r
        content {
          dynamic "c" {
            for_each = local.r
            content {
              x = c.value
            }
          }
        }
      }
    }
  }
}
